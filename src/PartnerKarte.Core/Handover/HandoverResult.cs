namespace PartnerKarte.Handover;

/// <summary>The checked state of a handover, as a value: blockers, completeness and whether it is done.</summary>
public sealed record HandoverResult
{
    /// <summary>What still blocks the handover.</summary>
    public IReadOnlyList<HandoverBlocker> Blockers { get; init; } = [];

    /// <summary>Share of the handover's checks that pass, 0..100.</summary>
    public double Completeness { get; init; }

    /// <summary>The waiver, when blockers were accepted.</summary>
    public HandoverWaiver? Waiver { get; init; }

    /// <summary>Whether the handover has no blockers.</summary>
    public bool Succeeded => Blockers.Count == 0;

    /// <summary>Whether the handover counts as done: no blockers, or a recorded waiver with a reason.</summary>
    public bool IsDone => Succeeded || Waiver is not null;
}
