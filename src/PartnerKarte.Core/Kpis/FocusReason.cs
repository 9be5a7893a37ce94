namespace PartnerKarte.Kpis;

/// <summary>One reason behind a partner's focus ranking, as a short JA/EN sentence.</summary>
/// <param name="Code">A stable code, e.g. <c>winRate</c>, <c>revenue</c>, <c>customerBase</c>.</param>
/// <param name="TextJa">The reason in Japanese.</param>
/// <param name="TextEn">The reason in English.</param>
public sealed record FocusReason(string Code, string TextJa, string TextEn)
{
    /// <inheritdoc />
    public override string ToString() => TextEn;
}
