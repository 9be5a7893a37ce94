namespace PartnerKarte.Scoring;

/// <summary>What a <see cref="TrustEvent"/> records.</summary>
internal enum TrustEventKind : byte
{
    /// <summary>An interaction with the rep (feeds every factor but outcomes).</summary>
    Interaction = 0,

    /// <summary>A proposal the rep was involved in (feeds the outcomes factor).</summary>
    Proposal = 1,
}
