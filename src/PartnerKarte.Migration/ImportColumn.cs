namespace PartnerKarte.Migration;

/// <summary>How one source column is imported.</summary>
/// <param name="Field">The karte field.</param>
/// <param name="CustomItemKey">For <see cref="ImportField.CustomItem"/>: the template item key.</param>
public sealed record ImportColumn(ImportField Field, string? CustomItemKey = null);
