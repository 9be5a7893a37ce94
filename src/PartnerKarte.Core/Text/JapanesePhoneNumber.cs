using System.Diagnostics.CodeAnalysis;

namespace PartnerKarte.Text;

/// <summary>
/// A plausible Japanese phone number in its canonical form: the national digits with the leading 0
/// (<c>0312345678</c>), whatever was typed (０３－１２３４－５６７８, 03(1234)5678, +81 3 1234 5678, 090ｰ1234ｰ5678).
/// Plausible means the length fits the prefix; whether the number is assigned is not checked.
/// </summary>
public sealed record JapanesePhoneNumber
{
    private JapanesePhoneNumber(string digits, PhoneNumberKind kind)
    {
        Digits = digits;
        Kind = kind;
    }

    /// <summary>The national number, digits only, starting with 0, e.g. <c>09012345678</c>.</summary>
    public string Digits { get; }

    /// <summary>What kind of number it is.</summary>
    public PhoneNumberKind Kind { get; }

    /// <summary>The number in E.164 form, e.g. <c>+819012345678</c>.</summary>
    public string E164 => "+81" + Digits[1..];

    /// <summary>Parses a phone number as typed.</summary>
    /// <param name="text">The number as typed, or <see langword="null"/>.</param>
    /// <param name="number">The number, when it is plausible.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a plausible Japanese number.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out JapanesePhoneNumber? number)
    {
        number = Analyze(text, out _);
        return number is not null;
    }

    /// <summary>Parses a phone number as typed, saying why when it is not plausible.</summary>
    /// <param name="text">The number as typed, or <see langword="null"/>.</param>
    /// <param name="reason">Why the number was refused (never contains the number), or <see langword="null"/>.</param>
    /// <returns>The number, or <see langword="null"/> when it is not plausible.</returns>
    public static JapanesePhoneNumber? Parse(string? text, out string? reason) => Analyze(text, out reason);

    /// <summary>The canonical digits of a number as typed, or <see langword="null"/> when it is not plausible.</summary>
    /// <param name="text">The number as typed.</param>
    /// <returns>The digits, e.g. <c>0312345678</c>.</returns>
    public static string? Normalize(string? text) => Analyze(text, out _)?.Digits;

    /// <inheritdoc />
    public override string ToString() => Digits;

    private static JapanesePhoneNumber? Analyze(string? text, out string? reason)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "phone number is empty";
            return null;
        }

        var normalized = JapaneseText.Normalize(text);
        Span<char> digits = stackalloc char[24];
        var count = 0;
        var plus = false;
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    reason = "phone number has too many digits";
                    return null;
                }

                digits[count++] = c;
            }
            else if (c == '+' && count == 0 && !plus)
            {
                plus = true;
            }
            else if (!IsSeparator(c))
            {
                reason = "phone number contains characters other than digits, +, hyphens, spaces and brackets";
                return null;
            }
        }

        ReadOnlySpan<char> national = digits[..count];
        if (plus || national.StartsWith("0081"))
        {
            var afterCountry = plus ? national : national[2..];
            if (!afterCountry.StartsWith("81"))
            {
                reason = "phone number is not a Japanese number (+81)";
                return null;
            }

            // +81 3-1234-5678 and +81 (0)3-1234-5678 both mean 03-1234-5678.
            var rest = afterCountry[2..];
            Span<char> rebuilt = stackalloc char[rest.Length + 1];
            if (rest.StartsWith("0"))
            {
                rest.CopyTo(rebuilt);
                national = rebuilt[..rest.Length].ToString();
            }
            else
            {
                rebuilt[0] = '0';
                rest.CopyTo(rebuilt[1..]);
                national = rebuilt.ToString();
            }
        }

        if (national.Length == 0 || national[0] != '0' || (national.Length > 1 && national[1] == '0'))
        {
            reason = "phone number does not start with 0 followed by an area or service code";
            return null;
        }

        var (kind, length) = Classify(national);
        if (national.Length != length)
        {
            reason = kind switch
            {
                PhoneNumberKind.Mobile => "mobile number must have 11 digits",
                PhoneNumberKind.IpPhone => "IP phone number (050) must have 11 digits",
                PhoneNumberKind.TollFree => $"toll-free number must have {length} digits",
                PhoneNumberKind.NaviDial => "0570 number must have 10 digits",
                PhoneNumberKind.MachineToMachine => "020 number must have 11 digits",
                _ => "fixed-line number must have 10 digits",
            };
            return null;
        }

        reason = null;
        return new JapanesePhoneNumber(national.ToString(), kind);
    }

    private static (PhoneNumberKind Kind, int Length) Classify(ReadOnlySpan<char> national)
    {
        if (national.StartsWith("0800"))
        {
            return (PhoneNumberKind.TollFree, 11); // before 080, which is mobile
        }

        if (national.StartsWith("070") || national.StartsWith("080") || national.StartsWith("090"))
        {
            return (PhoneNumberKind.Mobile, 11);
        }

        if (national.StartsWith("050"))
        {
            return (PhoneNumberKind.IpPhone, 11);
        }

        if (national.StartsWith("020"))
        {
            return (PhoneNumberKind.MachineToMachine, 11);
        }

        if (national.StartsWith("0120"))
        {
            return (PhoneNumberKind.TollFree, 10);
        }

        if (national.StartsWith("0570"))
        {
            return (PhoneNumberKind.NaviDial, 10);
        }

        return (PhoneNumberKind.FixedLine, 10);
    }

    private static bool IsSeparator(char c) => c switch
    {
        ' ' or '(' or ')' or '.' or '/' => true,
        // hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign,
        // katakana long vowel mark (often typed for a hyphen), small hyphen-minus, wave dash
        '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\u30FC' or '\uFE63' or '~' or '\u301C' => true,
        _ => false,
    };
}
