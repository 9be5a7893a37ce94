namespace PartnerKarte.Targeting;

/// <summary>A short text in Japanese and English.</summary>
/// <param name="Ja">The Japanese text.</param>
/// <param name="En">The English text.</param>
public sealed record LocalizedText(string Ja, string En)
{
    /// <summary>The text in the given language.</summary>
    /// <param name="language">The language.</param>
    /// <returns><see cref="Ja"/> or <see cref="En"/>.</returns>
    public string Get(OutputLanguage language) => language == OutputLanguage.Japanese ? Ja : En;

    /// <inheritdoc />
    public override string ToString() => En;
}
