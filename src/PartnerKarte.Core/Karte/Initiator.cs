namespace PartnerKarte.Karte;

/// <summary>Which side started an interaction.</summary>
public enum Initiator
{
    /// <summary>Our side (メーカー側) reached out.</summary>
    Us = 0,
    /// <summary>The partner rep reached out.</summary>
    Rep = 1,
    /// <summary>
    /// Not recorded (起点不明): the source does not say which side started it, e.g. a meeting logged as a plain CRM event.
    /// The trust score treats it as missing evidence, never as either side.
    /// </summary>
    Unknown = 2,
}
