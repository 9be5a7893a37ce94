namespace PartnerKarte.Karte;

/// <summary>Which side started an interaction.</summary>
public enum Initiator
{
    /// <summary>Our side (メーカー側) reached out.</summary>
    Us = 0,
    /// <summary>The partner rep reached out.</summary>
    Rep = 1,
}
