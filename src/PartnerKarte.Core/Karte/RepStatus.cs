namespace PartnerKarte.Karte;

/// <summary>Whether a partner rep can be worked with.</summary>
public enum RepStatus
{
    /// <summary>In post and reachable.</summary>
    Active = 0,
    /// <summary>Temporarily away (休職・産休など).</summary>
    OnLeave = 1,
    /// <summary>Moved to another post or company (異動).</summary>
    Transferred = 2,
    /// <summary>Left the partner company (退職).</summary>
    Left = 3,
}
