using System.Diagnostics.CodeAnalysis;

namespace PartnerKarte.Text;

/// <summary>
/// A plausible Japanese phone number in its canonical form: the national digits with the leading 0
/// (<c>0312345678</c>), whatever was typed (０３－１２３４－５６７８, 03(1234)5678, +81 3 1234 5678, 090ｰ1234ｰ5678),
/// and the extension when one was given (03-1234-5678 内線123, 03-1234-5678（内線：123）, 03-1234-5678 ext. 123).
/// Plausible means the length fits the prefix; whether the number is assigned is not checked.
/// </summary>
public sealed record JapanesePhoneNumber
{
    private const string ExtensionMarker = " 内線";

    private JapanesePhoneNumber(string digits, PhoneNumberKind kind, string? extension)
    {
        Digits = digits;
        Kind = kind;
        Extension = extension;
    }

    /// <summary>The national number, digits only, starting with 0, e.g. <c>09012345678</c> (without the extension).</summary>
    public string Digits { get; }

    /// <summary>The extension (内線), digits only, e.g. <c>123</c>; <see langword="null"/> when none was given.</summary>
    public string? Extension { get; }

    /// <summary>What kind of number it is.</summary>
    public PhoneNumberKind Kind { get; }

    /// <summary>The number in E.164 form, e.g. <c>+819012345678</c> (E.164 has no extension).</summary>
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

    /// <summary>The canonical form of a number as typed (<see cref="ToString"/>), or <see langword="null"/> when it is not plausible.</summary>
    /// <param name="text">The number as typed.</param>
    /// <returns>The digits, e.g. <c>0312345678</c>, or with an extension <c>0312345678 内線123</c>.</returns>
    public static string? Normalize(string? text) => Analyze(text, out _)?.ToString();

    /// <summary>The canonical form: <see cref="Digits"/>, then <c>" 内線"</c> and the <see cref="Extension"/> when there is one, which parses back to the same number.</summary>
    /// <returns>E.g. <c>0312345678</c> or <c>0312345678 内線123</c>.</returns>
    public override string ToString() => Extension is null ? Digits : Digits + ExtensionMarker + Extension;

    private static JapanesePhoneNumber? Analyze(string? text, out string? reason)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "phone number is empty";
            return null;
        }

        var normalized = SplitExtension(JapaneseText.Normalize(text), out var extension, out reason);
        if (reason is not null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(normalized))
        {
            reason = "phone number has an extension but no number";
            return null;
        }

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
        return new JapanesePhoneNumber(national.ToString(), kind, extension);
    }

    /// <summary>
    /// Splits an extension off normalised text: 内線, ext, ext. or extension (any case), then 1–6 digits, optionally in
    /// brackets with the marker — 内線123, 内線:123, (内線123), ext.45, EXT 45. Returns the text before the marker.
    /// </summary>
    private static string SplitExtension(string normalized, out string? extension, out string? reason)
    {
        extension = null;
        reason = null;
        var at = normalized.IndexOf("内線", StringComparison.Ordinal);
        var markerLength = 2;
        if (at < 0)
        {
            at = normalized.IndexOf("ext", StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return normalized;
            }

            markerLength = normalized.AsSpan(at).StartsWith("extension", StringComparison.OrdinalIgnoreCase) ? 9 : 3;
        }

        var rest = normalized.AsSpan(at + markerLength).TrimStart(" .:=#");
        var digitCount = rest.IndexOfAnyExcept("0123456789");
        digitCount = digitCount < 0 ? rest.Length : digitCount;
        var before = normalized.AsSpan(0, at).TrimEnd(" ,;");
        var bracketed = before.EndsWith("(");
        var after = rest[digitCount..].Trim(' ');
        if (digitCount is 0 or > 6 || !(after.IsEmpty || (bracketed && after is ")")))
        {
            reason = "phone extension (内線, ext) must be followed by 1 to 6 digits and nothing else";
            return normalized;
        }

        extension = rest[..digitCount].ToString();
        return (bracketed ? before[..^1] : before).ToString();
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
