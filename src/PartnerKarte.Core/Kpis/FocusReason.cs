namespace PartnerKarte.Kpis;

/// <summary>One reason behind a partner's focus ranking, as a short JA/EN sentence.</summary>
/// <param name="Code">A stable code, e.g. <c>winRate</c>, <c>revenue</c>, <c>customerBase</c>.</param>
/// <param name="Text">The reason, e.g. 「受注率 75%（受注3件・失注1件）」.</param>
public sealed record FocusReason(string Code, LocalizedText Text)
{
    /// <summary>Creates the reason from its Japanese and English sentences.</summary>
    internal FocusReason(string code, string textJa, string textEn)
        : this(code, new LocalizedText(textJa, textEn))
    {
    }

    /// <summary>The English sentence.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Text.En;
}
