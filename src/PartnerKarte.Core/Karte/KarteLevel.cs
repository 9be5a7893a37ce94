namespace PartnerKarte.Karte;

/// <summary>Which karte a template item belongs to: the partner company's or a partner rep's.</summary>
public enum KarteLevel
{
    /// <summary>The company-level karte (パートナー企業情報).</summary>
    Company = 0,
    /// <summary>The rep-level karte (担当者情報).</summary>
    Rep = 1,
}
