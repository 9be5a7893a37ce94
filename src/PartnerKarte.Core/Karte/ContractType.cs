namespace PartnerKarte.Karte;

/// <summary>How a partner sells our offer.</summary>
public enum ContractType
{
    /// <summary>The partner refers end customers and earns a referral fee (紹介).</summary>
    Referral = 0,
    /// <summary>The partner buys and resells (再販).</summary>
    Resale = 1,
    /// <summary>The partner sells our product under its own brand (OEM).</summary>
    Oem = 2,
}
