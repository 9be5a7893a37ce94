namespace PartnerKarte.Karte;

/// <summary>Where a template item's value lives.</summary>
public enum KarteItemSource
{
    /// <summary>A team-defined hearing item, stored in the record's <c>CustomItems</c> under the item key.</summary>
    Custom = 0,
    /// <summary>
    /// A field of the schema itself (e.g. <c>profile.industry</c> is <see cref="CompanyProfile.Industry"/>).
    /// Listing it in the template lets completeness count it; its value is never stored in <c>CustomItems</c>.
    /// </summary>
    BuiltIn = 1,
}
