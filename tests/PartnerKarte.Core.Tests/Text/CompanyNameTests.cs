using FsCheck.Fluent;
using PartnerKarte.Testing;
using PartnerKarte.Text;

namespace PartnerKarte.Core.Tests.Text;

public class CompanyNameTests
{
    [Theory]
    [InlineData("株式会社サンプル商事", "サンプル商事", CompanyLegalForm.KabushikiKaisha, LegalFormPosition.Prefix)]
    [InlineData("サンプル商事株式会社", "サンプル商事", CompanyLegalForm.KabushikiKaisha, LegalFormPosition.Suffix)]
    [InlineData("（株）サンプル商事", "サンプル商事", CompanyLegalForm.KabushikiKaisha, LegalFormPosition.Prefix)]
    [InlineData("サンプル商事(株)", "サンプル商事", CompanyLegalForm.KabushikiKaisha, LegalFormPosition.Suffix)]
    [InlineData("㈱サンプル商事", "サンプル商事", CompanyLegalForm.KabushikiKaisha, LegalFormPosition.Prefix)]
    [InlineData("株式会社　サンプル商事", "サンプル商事", CompanyLegalForm.KabushikiKaisha, LegalFormPosition.Prefix)]
    [InlineData("ｶ)ｻﾝﾌﾟﾙｼｮｳｼﾞ", "サンプルショウジ", CompanyLegalForm.KabushikiKaisha, LegalFormPosition.Prefix)]
    [InlineData("ｻﾝﾌﾟﾙｼｮｳｼﾞ(ｶ", "サンプルショウジ", CompanyLegalForm.KabushikiKaisha, LegalFormPosition.Suffix)]
    [InlineData("カブシキガイシャサンプルショウジ", "サンプルショウジ", CompanyLegalForm.KabushikiKaisha, LegalFormPosition.Prefix)]
    [InlineData("有限会社やまだ屋", "やまだ屋", CompanyLegalForm.YugenKaisha, LegalFormPosition.Prefix)]
    [InlineData("㈲やまだ屋", "やまだ屋", CompanyLegalForm.YugenKaisha, LegalFormPosition.Prefix)]
    [InlineData("ﾕ)ﾔﾏﾀﾞﾔ", "ヤマダヤ", CompanyLegalForm.YugenKaisha, LegalFormPosition.Prefix)]
    [InlineData("合同会社ネクストリンク", "ネクストリンク", CompanyLegalForm.GodoKaisha, LegalFormPosition.Prefix)]
    [InlineData("一般社団法人日本パートナー協会", "日本パートナー協会", CompanyLegalForm.IncorporatedAssociation, LegalFormPosition.Prefix)]
    [InlineData("医療法人社団 健康会", "健康会", CompanyLegalForm.MedicalCorporation, LegalFormPosition.Prefix)]
    [InlineData("特定非営利活動法人みらい", "みらい", CompanyLegalForm.NonProfitCorporation, LegalFormPosition.Prefix)]
    [InlineData("Sample Trading Co., Ltd.", "Sample Trading", CompanyLegalForm.Company, LegalFormPosition.Suffix)]
    [InlineData("Sample Trading Co.,Ltd.", "Sample Trading", CompanyLegalForm.Company, LegalFormPosition.Suffix)]
    [InlineData("Sample Systems, Inc.", "Sample Systems", CompanyLegalForm.Company, LegalFormPosition.Suffix)]
    [InlineData("Sample Systems Corp.", "Sample Systems", CompanyLegalForm.Company, LegalFormPosition.Suffix)]
    [InlineData("Sample K.K.", "Sample", CompanyLegalForm.KabushikiKaisha, LegalFormPosition.Suffix)]
    [InlineData("Sample KK", "Sample", CompanyLegalForm.KabushikiKaisha, LegalFormPosition.Suffix)]
    [InlineData("Ｓａｍｐｌｅ ＬＬＣ", "Sample", CompanyLegalForm.LimitedLiabilityCompany, LegalFormPosition.Suffix)]
    [InlineData("Zinc", "Zinc", CompanyLegalForm.None, LegalFormPosition.None)]
    [InlineData("株式会社", "株式会社", CompanyLegalForm.None, LegalFormPosition.None)]
    [InlineData("株式会社サンプル商事 Co., Ltd.", "サンプル商事", CompanyLegalForm.KabushikiKaisha, LegalFormPosition.Prefix)]
    public void Parse_strips_the_legal_form(string name, string core, CompanyLegalForm form, LegalFormPosition position)
    {
        var parsed = CompanyName.Parse(name);
        parsed.Core.Should().Be(core);
        parsed.LegalForm.Should().Be(form);
        parsed.Position.Should().Be(position);
        parsed.Original.Should().Be(name);
    }

    [Fact]
    public void Every_way_of_writing_one_company_has_the_same_key()
    {
        string[] variants = ["株式会社サンプル商事", "サンプル商事株式会社", "(株)サンプル商事", "（株）サンプル商事", "㈱サンプル商事", "サンプル商事㈱", "株式会社 サンプル商事", "㍿サンプル商事"];
        variants.Select(v => CompanyName.Parse(v).Key).Distinct().Should().ContainSingle().Which.Should().Be("サンフル商事".Replace("フ", "プ", StringComparison.Ordinal));
    }

    [Fact]
    public void Company_core_is_the_same_for_every_legal_form_variant() =>
        Props.Check(JapaneseTextGenerators.CoreName, name =>
        {
            string[] variants =
            [
                "株式会社" + name.Full, name.Full + "株式会社", "(株)" + name.Full, "（株）" + name.Full, name.Full + "（株）",
                "㈱" + name.Full, name.Full + "㈱", "株式会社　" + name.Full, "ｶ)" + name.Half, name.Half + "(ｶ", "ｶﾌﾞｼｷｶﾞｲｼｬ" + name.Half,
            ];
            var key = JapaneseText.ToMatchKey(name.Full);
            return variants.All(v => CompanyName.Parse(v).Key == key && CompanyName.Parse(v).LegalForm == CompanyLegalForm.KabushikiKaisha);
        });

    [Fact]
    public void English_forms_share_the_core() =>
        Props.Check(Gen.Elements("Sample", "Partner Tech", "Kanto Systems", "ABC Trading").SelectMany(n =>
                Gen.Elements(" Co., Ltd.", " Co.,Ltd.", " Co. Ltd", ", Inc.", " Inc", " Corporation", " Corp.", " K.K.", " Ltd.", " Limited").Select(f => (n, f))),
            t => CompanyName.Parse(t.n + t.f).Core == t.n);

    [Fact]
    public void Parsing_the_core_again_changes_nothing() =>
        Props.Check(JapaneseTextGenerators.MessyText, s =>
        {
            var core = CompanyName.Parse(s).Core;
            return CompanyName.Parse(core).Core == core;
        });

    [Fact]
    public void Parse_rejects_null() =>
        FluentActions.Invoking(() => CompanyName.Parse(null!)).Should().Throw<ArgumentNullException>();
}
