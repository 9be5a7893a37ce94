using PartnerKarte.Scoring;

namespace PartnerKarte.Benchmarks.Scoring;

/// <summary>
/// What the incremental benchmarks share: 100,000 rep states built from 1,000,000 interactions of the last two years
/// (<see cref="TrustScoringData.States"/>) and room for one night's touched reps and snapshots.
/// </summary>
public abstract class IncrementalBenchmarkBase
{
    /// <summary>Reps, as in the full-scoring benchmark.</summary>
    protected const int RepCount = 100_000;

    /// <summary>New interactions per night.</summary>
    protected const int NewInteractions = 10_000;

    /// <summary>The scorer, default options.</summary>
    protected TrustScorer Scorer { get; } = new();

    /// <summary>The states, indexed by rep.</summary>
    protected RepTrustState[] States { get; private set; } = [];

    /// <summary>Receives the touched reps of a batch.</summary>
    protected int[] Touched { get; } = new int[NewInteractions];

    /// <summary>Receives the snapshots of a night.</summary>
    protected TrustSnapshot[] Results { get; } = new TrustSnapshot[NewInteractions];

    /// <summary>Builds the states from the history (minutes on a busy machine: call it from a global setup).</summary>
    protected void BuildStates() => States = TrustScoringData.States(Scorer, RepCount, 1_000_000);
}
