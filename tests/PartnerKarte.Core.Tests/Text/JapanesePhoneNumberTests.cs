using PartnerKarte.Testing;
using PartnerKarte.Text;

namespace PartnerKarte.Core.Tests.Text;

public class JapanesePhoneNumberTests
{
    [Theory]
    [InlineData("03-1234-5678", "0312345678", PhoneNumberKind.FixedLine)]
    [InlineData("０３－１２３４－５６７８", "0312345678", PhoneNumberKind.FixedLine)]
    [InlineData("03(1234)5678", "0312345678", PhoneNumberKind.FixedLine)]
    [InlineData("0466-12-3456", "0466123456", PhoneNumberKind.FixedLine)]
    [InlineData("+81 3-1234-5678", "0312345678", PhoneNumberKind.FixedLine)]
    [InlineData("+81 (0)3 1234 5678", "0312345678", PhoneNumberKind.FixedLine)]
    [InlineData("090ｰ1234ｰ5678", "09012345678", PhoneNumberKind.Mobile)]
    [InlineData("０８０ー１２３４ー５６７８", "08012345678", PhoneNumberKind.Mobile)]
    [InlineData("070‐1234‐5678", "07012345678", PhoneNumberKind.Mobile)]
    [InlineData("+81-90-1234-5678", "09012345678", PhoneNumberKind.Mobile)]
    [InlineData("0120-123-456", "0120123456", PhoneNumberKind.TollFree)]
    [InlineData("0800-123-4567", "08001234567", PhoneNumberKind.TollFree)]
    [InlineData("050-1234-5678", "05012345678", PhoneNumberKind.IpPhone)]
    [InlineData("0570-064-123", "0570064123", PhoneNumberKind.NaviDial)]
    public void Plausible_numbers_are_normalised(string text, string digits, PhoneNumberKind kind)
    {
        JapanesePhoneNumber.TryParse(text, out var number).Should().BeTrue();
        number!.Digits.Should().Be(digits);
        number.Kind.Should().Be(kind);
        number.E164.Should().Be("+81" + digits[1..]);
        JapanesePhoneNumber.Normalize(text).Should().Be(digits);
    }

    [Theory]
    [InlineData("090-1234-567", "mobile number must have 11 digits")]
    [InlineData("03-1234-56789", "fixed-line number must have 10 digits")]
    [InlineData("0120-123-4567", "toll-free number must have 10 digits")]
    [InlineData("050-123-4567", "IP phone number (050) must have 11 digits")]
    [InlineData("+1 212 555 0100", "phone number is not a Japanese number (+81)")]
    [InlineData("03-1234-5678 代表", "phone number contains characters other than digits, +, hyphens, spaces and brackets")]
    [InlineData("03-1234-5678 内線", "phone extension (内線, ext) must be followed by 1 to 6 digits and nothing else")]
    [InlineData("03-1234-5678 内線12 山田", "phone extension (内線, ext) must be followed by 1 to 6 digits and nothing else")]
    [InlineData("03-1234-5678 ext. 1234567", "phone extension (内線, ext) must be followed by 1 to 6 digits and nothing else")]
    [InlineData("内線123", "phone number has an extension but no number")]
    [InlineData("03-1234-567 内線12", "fixed-line number must have 10 digits")]
    [InlineData("1234567890", "phone number does not start with 0 followed by an area or service code")]
    [InlineData("", "phone number is empty")]
    public void Implausible_numbers_are_refused_with_a_reason(string text, string reason)
    {
        JapanesePhoneNumber.Parse(text, out var why).Should().BeNull();
        why.Should().Be(reason);
        JapanesePhoneNumber.Normalize(text).Should().BeNull();
    }

    [Theory]
    [InlineData("03-1234-5678 内線123", "0312345678", "123")]
    [InlineData("０３－１２３４－５６７８　内線１２３", "0312345678", "123")]
    [InlineData("03-1234-5678（内線：123）", "0312345678", "123")]
    [InlineData("03(1234)5678 (内線 45)", "0312345678", "45")]
    [InlineData("03-1234-5678, ext. 45", "0312345678", "45")]
    [InlineData("+81 3 1234 5678 EXT 9", "0312345678", "9")]
    [InlineData("03-1234-5678 extension 700", "0312345678", "700")]
    [InlineData("0312345678 内線123", "0312345678", "123")]
    public void An_extension_is_kept_apart_from_the_number(string text, string digits, string extension)
    {
        // B2B rep numbers often carry 内線: the number still parses, and the extension is not lost.
        JapanesePhoneNumber.TryParse(text, out var number).Should().BeTrue();
        number!.Digits.Should().Be(digits);
        number.Extension.Should().Be(extension);
        number.E164.Should().Be("+81" + digits[1..]);
        JapanesePhoneNumber.Normalize(text).Should().Be($"{digits} 内線{extension}");
    }

    [Fact]
    public void A_number_without_an_extension_has_none() =>
        JapanesePhoneNumber.Parse("03-1234-5678", out _)!.Extension.Should().BeNull();

    [Fact]
    public void Normalize_is_idempotent() =>
        Props.Check(JapaneseTextGenerators.PhoneText, s =>
            JapanesePhoneNumber.Normalize(s) is not { } once || JapanesePhoneNumber.Normalize(once) == once, cases: 400);

    [Fact]
    public void Reasons_never_contain_the_number() =>
        Props.Check(JapaneseTextGenerators.PhoneText, s =>
            JapanesePhoneNumber.Parse(s, out var why) is not null || s.Count(char.IsAsciiDigit) < 5 || !why!.Contains(s, StringComparison.Ordinal));
}
