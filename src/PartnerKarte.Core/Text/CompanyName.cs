namespace PartnerKarte.Text;

/// <summary>
/// A company name taken apart: the name as written, its normalised form, the core name without the legal
/// form, the legal form found and where it stood. 株式会社サンプル, サンプル株式会社, (株)サンプル, ㈱サンプル,
/// ｻﾝﾌﾟﾙ(ｶ and Sample Co., Ltd. all have a core that compares equal through <see cref="Key"/>.
/// Create one with <see cref="Parse"/>.
/// </summary>
public sealed record CompanyName
{
    private CompanyName(string original, string normalized, string core, CompanyLegalForm legalForm, LegalFormPosition position)
    {
        Original = original;
        Normalized = normalized;
        Core = core;
        LegalForm = legalForm;
        Position = position;
        Key = JapaneseText.ToMatchKey(core);
    }

    /// <summary>The name as given.</summary>
    public string Original { get; }

    /// <summary>The name after <see cref="JapaneseText.Normalize"/>.</summary>
    public string Normalized { get; }

    /// <summary>The normalised name without its legal form, e.g. サンプル for 株式会社サンプル. When the name is
    /// nothing but a legal form, the whole normalised name.</summary>
    public string Core { get; }

    /// <summary>The legal form found, or <see cref="CompanyLegalForm.None"/>.</summary>
    public CompanyLegalForm LegalForm { get; }

    /// <summary>Where the legal form stood.</summary>
    public LegalFormPosition Position { get; }

    /// <summary>The match key of <see cref="Core"/> (<see cref="JapaneseText.ToMatchKey"/>); empty when the name has no letters or digits.</summary>
    public string Key { get; }

    /// <summary>Parses a company name or its kana reading.</summary>
    /// <param name="name">The name as written, e.g. <c>（株）サンプル商事</c> or <c>ｻﾝﾌﾟﾙｼｮｳｼﾞ(ｶ</c>.</param>
    /// <returns>The parsed name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public static CompanyName Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = JapaneseText.Normalize(name);
        var (core, form, position) = LegalForms.Strip(normalized);
        return new CompanyName(name, normalized, core, form, position);
    }

    /// <inheritdoc />
    public override string ToString() => Normalized;
}
