using PartnerKarte.Testing;
using PartnerKarte.Text;

namespace PartnerKarte.Core.Tests.Text;

public class EmailAddressTests
{
    [Theory]
    [InlineData(" Taro.Yamada@Example.CO.JP ", "Taro.Yamada@example.co.jp")]
    [InlineData("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ", "taro@example.co.jp")]
    [InlineData("mailto:h.suzuki@example.jp", "h.suzuki@example.jp")]
    [InlineData("<h.suzuki@example.jp>", "h.suzuki@example.jp")]
    [InlineData("sato+partner@sub.example.co.jp", "sato+partner@sub.example.co.jp")]
    [InlineData("taro..yamada.@docomo.ne.jp", "taro..yamada.@docomo.ne.jp")]
    [InlineData("info@例え.jp", "info@xn--r8jz45g.jp")]
    public void Valid_addresses_are_normalised(string text, string expected)
    {
        EmailAddress.TryParse(text, out var email).Should().BeTrue();
        email!.Value.Should().Be(expected);
        EmailAddress.Normalize(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("taro@", "email has no domain after the @")]
    [InlineData("yamada.example.com", "email has no @")]
    [InlineData("山田@example.jp", "email part before the @ has non-ASCII characters")]
    [InlineData("taro@@example.jp", "email has more than one @")]
    [InlineData("taro@example", "email domain has no dot")]
    [InlineData("taro@example..jp", "email domain has an empty or malformed part")]
    [InlineData("taro@-example.jp", "email domain has an empty or malformed part")]
    [InlineData("taro yamada@example.jp", "email part before the @ has a character not allowed there")]
    [InlineData("taro@example.j", "email domain does not end in a valid top-level domain")]
    [InlineData("  ", "email is empty")]
    public void Invalid_addresses_are_refused_with_a_reason(string text, string reason)
    {
        EmailAddress.Parse(text, out var why).Should().BeNull();
        why.Should().Be(reason);
    }

    [Fact]
    public void Carrier_and_free_mail_domains_are_flagged()
    {
        EmailAddress.TryParse("taro@docomo.ne.jp", out var mobile).Should().BeTrue();
        mobile!.IsFreeMail.Should().BeTrue();
        EmailAddress.TryParse("taro@sample-shoji.co.jp", out var work).Should().BeTrue();
        work!.IsFreeMail.Should().BeFalse();
    }

    [Fact]
    public void Match_key_ignores_case() =>
        EmailAddress.Normalize("Taro@Example.jp")!.ToLowerInvariant().Should().Be(EmailAddress.TryParse("TARO@example.JP", out var e) ? e.MatchKey : null);

    [Fact]
    public void Normalize_is_idempotent() =>
        Props.Check(JapaneseTextGenerators.EmailText, s => EmailAddress.Normalize(s) is not { } once || EmailAddress.Normalize(once) == once, cases: 400);
}
