namespace PartnerKarte.Privacy;

/// <summary>What one application of the retention period dropped (保存期間の適用): counts only.</summary>
public sealed record RetentionResult
{
    /// <summary>Reps had no interaction since this instant (the cut-off).</summary>
    public required DateTimeOffset InactiveBefore { get; init; }

    /// <summary>Inactive reps that had something dropped.</summary>
    public int Reps { get; init; }

    /// <summary>Interactions whose statements were dropped.</summary>
    public int Statements { get; init; }

    /// <summary>Interactions whose concerns were dropped.</summary>
    public int Concerns { get; init; }

    /// <summary>Reps whose personality data (DiSC, MBTI, note) was dropped.</summary>
    public int Personalities { get; init; }
}
