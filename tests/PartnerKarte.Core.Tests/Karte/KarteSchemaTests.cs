using PartnerKarte.Karte;

namespace PartnerKarte.Core.Tests.Karte;

public class KarteSchemaTests
{
    [Theory]
    [InlineData("entj", "ENTJ", "NT")]
    [InlineData("ＩＳＦＪ", "ISFJ", "SJ")]
    [InlineData(" infp ", "INFP", "NF")]
    [InlineData("ESTP", "ESTP", "SP")]
    public void Mbti_parses_half_and_full_width_codes(string input, string code, string temperament)
    {
        var t = MbtiType.Parse(input);
        t.Code.Should().Be(code);
        t.Temperament.Should().Be(temperament);
    }

    [Theory]
    [InlineData("")]
    [InlineData("XNTJ")]
    [InlineData("ENT")]
    public void Mbti_rejects_invalid_codes(string input) =>
        MbtiType.TryParse(input, out _).Should().BeFalse();

    [Fact]
    public void Contract_end_is_derived_from_start_and_term()
    {
        var c = new PartnerContract { Start = new DateOnly(2025, 4, 1), TermMonths = 12 };
        c.EffectiveEnd.Should().Be(new DateOnly(2026, 3, 31));
        (c with { End = new DateOnly(2025, 9, 30) }).EffectiveEnd.Should().Be(new DateOnly(2025, 9, 30));
    }

    [Fact]
    public void Next_action_done_after_due_is_not_kept_on_time()
    {
        var due = new DateTimeOffset(2026, 5, 1, 18, 0, 0, TimeSpan.FromHours(9));
        new NextAction("見積書を送付", due, due.AddHours(-1)).KeptOnTime.Should().BeTrue();
        new NextAction("見積書を送付", due, due.AddDays(2)).KeptOnTime.Should().BeFalse();
        new NextAction("見積書を送付", due).IsOpen.Should().BeTrue();
    }

    [Fact]
    public void Transferred_rep_keeps_history_and_exposes_current_episode()
    {
        var rep = new PartnerRep
        {
            Id = new RepId("r1"),
            CompanyId = new CompanyId("c2"),
            Name = new PersonName("佐藤", "花子", "サトウ", "ハナコ"),
            Employment =
            [
                new EmploymentEpisode(new CompanyId("c1"), "課長", "営業部", new DateOnly(2019, 4, 1), new DateOnly(2025, 3, 31)),
                new EmploymentEpisode(new CompanyId("c2"), "部長", "第二営業部", new DateOnly(2025, 4, 1)),
            ],
        };
        rep.CurrentEpisode!.CompanyId.Should().Be(new CompanyId("c2"));
        rep.Employment.Should().HaveCount(2);
        rep.Name.Display.Should().Be("佐藤 花子");
        rep.Name.Kana.Should().Be("サトウ ハナコ");
    }

    [Fact]
    public void Karte_values_compare_by_content_and_know_when_filled()
    {
        KarteValue.FromItems(["SaaS", "DX"]).Should().Be(KarteValue.FromItems(["SaaS", "DX"]));
        KarteValue.FromText("  ").IsFilled.Should().BeFalse();
        KarteValue.FromNumber(0m, KarteItemType.Money).IsFilled.Should().BeTrue();
        KarteValue.FromDate(new DateOnly(2026, 1, 5)).ToString().Should().Be("2026-01-05");
    }
}
