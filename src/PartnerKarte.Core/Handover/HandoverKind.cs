namespace PartnerKarte.Handover;

/// <summary>The two handover cases (引き継ぎ).</summary>
public enum HandoverKind
{
    /// <summary>Our partner manager leaves or transfers; their partners, reps, proposals and actions get successors.</summary>
    OwnerDeparture = 0,
    /// <summary>A partner rep transfers or leaves; their open items move to a successor rep at the partner.</summary>
    RepDeparture = 1,
}
