namespace PartnerKarte.Karte;

/// <summary>A four-letter MBTI type such as <c>ENTJ</c>.</summary>
public readonly record struct MbtiType
{
    private MbtiType(string code) => Code = code;

    /// <summary>The upper-case four-letter code.</summary>
    public string Code { get; }

    /// <summary>The temperament (NT, NF, SJ or SP), used for approach tips.</summary>
    public string Temperament => Code[1] == 'N' ? "N" + Code[2] : "S" + Code[3];

    /// <summary>Parses a code such as <c>intp</c> or full-width <c>ＩＮＴＰ</c>.</summary>
    /// <param name="value">The text to parse.</param>
    /// <param name="type">The parsed type.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid MBTI code.</returns>
    public static bool TryParse(string? value, out MbtiType type)
    {
        type = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var s = value.Trim().Normalize(System.Text.NormalizationForm.FormKC).ToUpperInvariant();
        if (s.Length != 4 || "EI".IndexOf(s[0]) < 0 || "SN".IndexOf(s[1]) < 0 || "TF".IndexOf(s[2]) < 0 || "JP".IndexOf(s[3]) < 0)
        {
            return false;
        }

        type = new MbtiType(s);
        return true;
    }

    /// <summary>Parses a code, throwing on invalid input.</summary>
    /// <param name="value">The text to parse.</param>
    /// <returns>The parsed type.</returns>
    /// <exception cref="FormatException"><paramref name="value"/> is not an MBTI code.</exception>
    public static MbtiType Parse(string value) =>
        TryParse(value, out var t) ? t : throw new FormatException($"'{value}' is not a four-letter MBTI type such as ENTJ.");

    /// <inheritdoc />
    public override string ToString() => Code ?? string.Empty;
}
