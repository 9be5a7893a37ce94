namespace PartnerKarte.Karte;

/// <summary>How strongly a template asks for an item to be filled in.</summary>
public enum KarteItemRequirement
{
    /// <summary>Worth filling in; counts toward completeness with the lower weight.</summary>
    Recommended = 0,
    /// <summary>Must be filled in; a missing value is a validation problem and weighs more in completeness.</summary>
    Required = 1,

    /// <summary>Kept for reference (notes carried over from a spreadsheet): shown in the karte, not counted in completeness.</summary>
    Optional = 2,
}
