using PartnerKarte.Text;

namespace PartnerKarte.Validation;

/// <summary>
/// The 13-digit corporate number (法人番号) assigned by the National Tax Agency: a check digit followed by the
/// 12-digit base number (会社法人等番号). The check digit is 9 − (Σ Pn × Qn mod 9), where Pn is the n-th digit
/// of the base number counted from its rightmost digit and Qn is 1 for odd n and 2 for even n
/// (法人番号の指定等に関する省令 第二条).
/// </summary>
public static class CorporateNumber
{
    /// <summary>The corporate number as digits only (full-width digits, spaces and hyphens removed), or
    /// <see langword="null"/> when what remains is not 13 digits.</summary>
    /// <param name="text">The number as typed, e.g. <c>４０１１００１０９８９９３</c> or <c>4-0110-0109-8993</c>.</param>
    /// <returns>The 13 digits, or <see langword="null"/>.</returns>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalized = JapaneseText.Normalize(text);
        Span<char> digits = stackalloc char[13];
        var count = 0;
        foreach (var c in normalized)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == 13)
                {
                    return null;
                }

                digits[count++] = c;
            }
            else if (c is not (' ' or '-' or '\u2010' or '\u2212' or '\u30FC'))
            {
                return null;
            }
        }

        return count == 13 ? digits.ToString() : null;
    }

    /// <summary>Computes the check digit for a 12-digit base number (会社法人等番号).</summary>
    /// <param name="baseNumber">Exactly 12 ASCII digits.</param>
    /// <returns>The check digit, 1–9.</returns>
    /// <exception cref="ArgumentException"><paramref name="baseNumber"/> is not 12 ASCII digits.</exception>
    internal static int ComputeCheckDigit(ReadOnlySpan<char> baseNumber)
    {
        if (baseNumber.Length != 12 || baseNumber.ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException("The base number must be exactly 12 ASCII digits.", nameof(baseNumber));
        }

        var sum = 0;
        for (var n = 1; n <= 12; n++)
        {
            var digit = baseNumber[12 - n] - '0';
            sum += n % 2 == 1 ? digit : 2 * digit;
        }

        return 9 - (sum % 9);
    }

    /// <summary>Whether the text is a valid corporate number: 13 digits (after <see cref="Normalize"/>) whose
    /// first digit is the check digit of the other twelve.</summary>
    /// <param name="text">The number as typed.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValid(string? text) => Check(text) is null;

    /// <summary>Why the text is not a valid corporate number, or <see langword="null"/> when it is.</summary>
    /// <param name="text">The number as typed.</param>
    /// <returns>The reason (never contains the number), or <see langword="null"/>.</returns>
    public static string? Check(string? text)
    {
        var digits = Normalize(text);
        if (digits is null)
        {
            return "corporate number must be 13 digits";
        }

        return digits[0] - '0' == ComputeCheckDigit(digits.AsSpan(1)) ? null : "corporate number check digit does not match";
    }
}
