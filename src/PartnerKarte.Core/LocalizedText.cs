using System.Globalization;

namespace PartnerKarte;

/// <summary>
/// A short text in Japanese and English: every generated text PartnerKarte returns (reasons, alerts, tips, labels,
/// handover steps) has this one shape. Pick the language with <see cref="Get(CultureInfo?)"/>.
/// </summary>
/// <param name="Ja">The Japanese text.</param>
/// <param name="En">The English text.</param>
public sealed record LocalizedText(string Ja, string En)
{
    /// <summary>The text for a culture: Japanese for any <c>ja</c> culture and for <see langword="null"/>, English otherwise.</summary>
    /// <param name="culture">The culture, such as <c>CultureInfo.GetCultureInfo("ja-JP")</c>; <see langword="null"/> means Japanese.</param>
    /// <returns><see cref="Ja"/> or <see cref="En"/>.</returns>
    public string Get(CultureInfo? culture) => IsJapanese(culture) ? Ja : En;

    /// <summary>The English text (log lines are English).</summary>
    /// <returns><see cref="En"/>.</returns>
    public override string ToString() => En;

    /// <summary>Whether generated text for <paramref name="culture"/> is Japanese (the default when no culture is given).</summary>
    internal static bool IsJapanese(CultureInfo? culture) => culture is null || culture.TwoLetterISOLanguageName == "ja";
}
