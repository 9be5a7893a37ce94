using PartnerKarte.Karte;
using PartnerKarte.Migration;
using PartnerKarte.Text;

namespace PartnerKarte.Migration.Tests.Import;

public class KarteMatcherTests
{
    private static PartnerCompany Company(string id, string name, string? kana = null, string? corporateNumber = null, string? domain = null) =>
        new() { Id = new CompanyId(id), Name = name, NameKana = kana, CorporateNumber = corporateNumber, Profile = new CompanyProfile { Domain = domain } };

    private static PartnerRep Rep(string id, string company, string family, string given, string? familyKana = null, string? givenKana = null,
        string? email = null, string? phone = null) =>
        new()
        {
            Id = new RepId(id), CompanyId = new CompanyId(company), Name = new PersonName(family, given, familyKana, givenKana),
            Email = email, Phone = phone,
        };

    [Fact]
    public void Legal_form_variants_of_one_company_match_above_the_merge_threshold()
    {
        var matcher = new KarteMatcher();
        matcher.AddOrUpdate(Company("C-001", "株式会社サンプル商事", "サンプルショウジ"));
        matcher.AddOrUpdate(Company("C-002", "東京テクノ株式会社"));

        var found = matcher.FindCompanies(Company("new", "（株）ｻﾝﾌﾟﾙ商事"));

        found.Should().ContainSingle();
        found[0].Id.Should().Be(new CompanyId("C-001"));
        found[0].Score.Should().BeGreaterThanOrEqualTo(KarteMatcher.DefaultMergeThreshold);
        found[0].Reasons.Should().Equal(MatchReason.SameName);
    }

    [Fact]
    public void A_kana_only_name_matches_the_reading_of_another()
    {
        var matcher = new KarteMatcher();
        matcher.AddOrUpdate(Company("C-001", "株式会社サンプル商事", "カブシキガイシャサンプルショウジ"));

        var found = matcher.FindCompanies(Company("new", "ｻﾝﾌﾟﾙｼｮｳｼﾞ(ｶ"));

        found.Should().ContainSingle().Which.Reasons.Should().Equal(MatchReason.SameNameKana);
        found[0].Score.Should().BeApproximately(0.7, 1e-9);
    }

    [Fact]
    public void The_same_corporate_number_is_certain_even_under_another_name()
    {
        var matcher = new KarteMatcher();
        matcher.AddOrUpdate(Company("C-001", "株式会社サンプル商事", corporateNumber: "4011001098993"));

        var found = matcher.FindCompanies(Company("new", "Sample Shoji Co., Ltd.", corporateNumber: "４０１１００１０９８９９３"));

        found.Should().ContainSingle().Which.Score.Should().Be(1.0);
        found[0].Reasons.Should().Contain(MatchReason.SameCorporateNumber);
    }

    [Fact]
    public void Namesakes_with_different_corporate_numbers_are_not_merged()
    {
        var matcher = new KarteMatcher();
        matcher.AddOrUpdate(Company("C-001", "サンプル商事株式会社", corporateNumber: "4011001098993"));

        var found = matcher.FindCompanies(Company("C-009", "株式会社サンプル商事", corporateNumber: "7123456789012"), minimumScore: 0);

        found.Should().ContainSingle().Which.Reasons.Should().Equal(MatchReason.SameName, MatchReason.DifferentCorporateNumber);
        found[0].Score.Should().BeLessThan(0.2);
    }

    [Fact]
    public void A_different_japanese_legal_form_lowers_the_score_below_merging()
    {
        var matcher = new KarteMatcher();
        matcher.AddOrUpdate(Company("C-001", "株式会社やまだ屋"));

        var found = matcher.FindCompanies(Company("new", "有限会社やまだ屋"));

        found.Should().ContainSingle().Which.Reasons.Should().Contain(MatchReason.DifferentLegalForm);
        found[0].Score.Should().BeLessThan(KarteMatcher.DefaultMergeThreshold);
    }

    [Fact]
    public void Domain_evidence_ignores_scheme_www_and_free_mail()
    {
        var matcher = new KarteMatcher();
        matcher.AddOrUpdate(Company("C-001", "株式会社サンプル商事", domain: "https://www.sample-shoji.co.jp/company/"));
        matcher.AddOrUpdate(Company("C-002", "山田商店", domain: "gmail.com"));

        matcher.FindCompanies(Company("new", "SAMPLE SHOJI", domain: "Sample-Shoji.co.jp")).Should().ContainSingle()
            .Which.Reasons.Should().Equal(MatchReason.SameDomain);
        matcher.FindCompanies(Company("new", "別の会社", domain: "gmail.com")).Should().BeEmpty();
    }

    [Fact]
    public void The_probe_never_matches_itself_and_updates_replace_keys()
    {
        var matcher = new KarteMatcher();
        var company = Company("C-001", "株式会社サンプル商事");
        matcher.AddOrUpdate(company);
        matcher.FindCompanies(company).Should().BeEmpty();

        matcher.AddOrUpdate(company with { Name = "株式会社ニューネーム" });
        matcher.CompanyCount.Should().Be(1);
        matcher.FindCompanies(Company("new", "サンプル商事")).Should().BeEmpty();
        matcher.FindCompanies(Company("new", "ニューネーム(株)")).Should().ContainSingle();
    }

    [Fact]
    public void Reps_match_on_email_whatever_the_case_or_width()
    {
        var matcher = new KarteMatcher();
        matcher.AddOrUpdate(Rep("R-001", "C-001", "山田", "太郎", email: "taro.yamada@sample-shoji.co.jp"));

        var found = matcher.FindReps(Rep("new", "C-777", "山田", "太郎", email: "Ｔａｒｏ.Ｙａｍａｄａ＠ＳＡＭＰＬＥ-ＳＨＯＪＩ.co.jp"));

        found.Should().ContainSingle().Which.Reasons.Should().Equal(MatchReason.SameEmail, MatchReason.SameNameOtherCompany);
        found[0].Score.Should().BeGreaterThan(0.95);
    }

    [Fact]
    public void Same_name_at_the_same_company_merges_but_at_another_company_is_only_a_candidate()
    {
        var matcher = new KarteMatcher();
        matcher.AddOrUpdate(Rep("R-001", "C-001", "佐藤", "花子", "サトウ", "ハナコ"));

        var same = matcher.FindReps(Rep("new", "C-001", "佐藤", "花子", "さとう", "はなこ"));
        same.Should().ContainSingle().Which.Reasons.Should().Equal(MatchReason.SameNameSameCompany, MatchReason.SameNameKanaSameCompany);
        same[0].Score.Should().BeGreaterThan(KarteMatcher.DefaultMergeThreshold);

        var other = matcher.FindReps(Rep("new", "C-002", "佐藤", "花子"), minimumScore: 0);
        other.Should().ContainSingle().Which.Reasons.Should().Equal(MatchReason.SameNameOtherCompany);
        other[0].Score.Should().BeLessThan(0.5);
    }

    [Fact]
    public void Namesakes_at_one_company_with_different_email_or_mobile_are_review_candidates_not_merges()
    {
        var matcher = new KarteMatcher();
        matcher.AddOrUpdate(Rep("R-001", "C-001", "山田", "太郎", "ヤマダ", "タロウ", email: "t.yamada@sample.co.jp", phone: "090-1111-2222"));

        var otherPerson = matcher.FindReps(Rep("new", "C-001", "山田", "太郎", "やまだ", "たろう", email: "yamada.taro@sample.co.jp"), minimumScore: 0.5);
        var otherMobile = matcher.FindReps(Rep("new", "C-001", "山田", "太郎", phone: "080-3333-4444"), minimumScore: 0.5);
        var samePerson = matcher.FindReps(Rep("new", "C-001", "山田", "太郎", email: "T.Yamada@sample.co.jp", phone: "080-3333-4444"));

        otherPerson.Should().ContainSingle().Which.Reasons.Should().Contain(MatchReason.DifferentEmail);
        otherPerson[0].Score.Should().BeInRange(0.6, KarteMatcher.DefaultMergeThreshold - 0.01, "a review candidate, never an automatic merge");
        otherMobile.Should().ContainSingle().Which.Reasons.Should().Contain(MatchReason.DifferentPhone);
        otherMobile[0].Score.Should().BeLessThan(KarteMatcher.DefaultMergeThreshold);
        samePerson.Should().ContainSingle().Which.Score.Should().BeGreaterThan(KarteMatcher.DefaultMergeThreshold, "the same email is the same person, whatever the new mobile");
        samePerson[0].Reasons.Should().NotContain(MatchReason.DifferentPhone);
    }

    [Fact]
    public void A_shared_switchboard_number_is_weak_evidence_and_a_mobile_number_strong()
    {
        var matcher = new KarteMatcher();
        matcher.AddOrUpdate(Rep("R-001", "C-001", "鈴木", "一郎", phone: "03-1234-5678"));
        matcher.AddOrUpdate(Rep("R-002", "C-001", "高橋", "二郎", phone: "090-1111-2222"));

        matcher.FindReps(Rep("new", "C-001", "田中", "三郎", phone: "０３（１２３４）５６７８"), minimumScore: 0)
            .Should().ContainSingle().Which.Score.Should().BeApproximately(0.3, 1e-9);
        matcher.FindReps(Rep("new", "C-001", "タカハシ", "ジロウ", phone: "+81 90 1111 2222"), minimumScore: 0)
            .Should().ContainSingle().Which.Score.Should().BeApproximately(0.8, 1e-9);
    }

    [Fact]
    public void Duplicate_pairs_are_found_from_the_index()
    {
        var data = new KarteDataSet
        {
            Companies =
            [
                Company("C-001", "株式会社サンプル商事"),
                Company("C-002", "サンプル商事(株)"),
                Company("C-003", "㈱ｻﾝﾌﾟﾙ商事"),
                Company("C-004", "東京テクノ株式会社"),
            ],
            Reps =
            [
                Rep("R-001", "C-001", "山田", "太郎", email: "taro@sample.co.jp"),
                Rep("R-002", "C-002", "山田", "太郎", email: "TARO@sample.co.jp"),
            ],
        };

        var matcher = KarteMatcher.Create(data);

        matcher.FindCompanyDuplicates().Select(d => (d.First.Value, d.Second.Value)).Should()
            .Equal(("C-001", "C-002"), ("C-001", "C-003"), ("C-002", "C-003"));
        matcher.FindRepDuplicates().Should().ContainSingle().Which.Reasons.Should().Contain(MatchReason.SameEmail);
    }

    [Fact]
    public void Lookups_touch_only_records_sharing_a_key()
    {
        var matcher = new KarteMatcher();
        for (var i = 0; i < 20_000; i++)
        {
            matcher.AddOrUpdate(Company($"C-{i}", $"株式会社テスト{i}"));
        }

        matcher.FindCompanies(Company("new", "テスト123(株)")).Should().ContainSingle().Which.Id.Should().Be(new CompanyId("C-123"));
        matcher.FindCompanyDuplicates().Should().BeEmpty();
    }
    [Fact]
    public void Reps_behind_one_switchboard_number_are_told_apart_by_their_extension()
    {
        var matcher = new KarteMatcher();
        matcher.AddOrUpdate(Rep("R-1", "C-001", "山田", "太郎", phone: "03-1234-5678 内線101"));

        matcher.FindReps(Rep("new", "C-002", "佐藤", "花子", phone: "03-1234-5678 内線102"), minimumScore: 0)
            .Should().NotContain(c => c.Reasons.Contains(MatchReason.SamePhone), "another extension is another person's line");

        var same = matcher.FindReps(Rep("new", "C-002", "佐藤", "花子", phone: "０３－１２３４－５６７８（内線：１０１）"), minimumScore: 0);
        same.Should().ContainSingle(c => c.Id == new RepId("R-1")).Which.Reasons.Should().Contain(MatchReason.SamePhone);
    }

    [Fact]
    public void A_number_with_an_extension_weighs_like_a_mobile_and_more_than_a_switchboard_number()
    {
        double ScoreOf(string phone)
        {
            var matcher = new KarteMatcher();
            matcher.AddOrUpdate(Rep("R-1", "C-001", "山田", "太郎", phone: phone));
            return matcher.FindReps(Rep("new", "C-002", "佐藤", "花子", phone: phone), minimumScore: 0).Single().Score;
        }

        var extension = ScoreOf("03-1234-5678 内線101");
        extension.Should().BeApproximately(ScoreOf("090-1234-5678"), 1e-12);
        extension.Should().BeGreaterThan(ScoreOf("03-1234-5678"));
    }
}

public class KarteMatcherBucketTests
{
    [Fact]
    public void A_name_shared_by_very_many_people_is_not_used_as_evidence_across_companies()
    {
        var matcher = new KarteMatcher();
        for (var i = 0; i <= KarteMatcher.MaxBucket; i++)
        {
            matcher.AddOrUpdate(new PartnerRep { Id = new RepId($"R-{i}"), CompanyId = new CompanyId($"C-{i}"), Name = new PersonName("佐藤", "花子", "サトウ", "ハナコ") });
        }

        matcher.FindReps(new PartnerRep { Id = new RepId("new"), CompanyId = new CompanyId("C-X"), Name = new PersonName("佐藤", "花子") }, minimumScore: 0)
            .Should().BeEmpty();
        matcher.FindReps(new PartnerRep { Id = new RepId("new"), CompanyId = new CompanyId("C-7"), Name = new PersonName("佐藤", "花子") })
            .Should().ContainSingle().Which.Id.Should().Be(new RepId("R-7"), "within one company the name still identifies the person");
    }
}
