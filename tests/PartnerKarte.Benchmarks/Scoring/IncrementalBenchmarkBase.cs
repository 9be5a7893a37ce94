using BenchmarkDotNet.Attributes;
using PartnerKarte.Scoring;

namespace PartnerKarte.Benchmarks.Scoring;

/// <summary>
/// What the incremental benchmarks share: 100,000 rep states built from 1,000,000 interactions of the last two years
/// (<see cref="TrustScoringData.States"/>), the night's events, room for its touched reps and snapshots, and the
/// diagnoser and job (BenchmarkDotNet reads attributes of base classes too).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(IncrementalBenchmarkConfig))]
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

    /// <summary>The night's new interactions.</summary>
    protected TrustEvent[] Night { get; private set; } = [];

    /// <summary>Their source record ids, parallel to <see cref="Night"/>.</summary>
    protected string[] NightIds { get; private set; } = [];

    /// <summary>Makes <paramref name="events"/> the night, with ids <paramref name="idPrefix"/>0, <paramref name="idPrefix"/>1, …</summary>
    /// <param name="events">The new interactions.</param>
    /// <param name="idPrefix">The id prefix.</param>
    protected void UseNight(TrustEvent[] events, string idPrefix)
    {
        Night = events;
        NightIds = Enumerable.Range(0, events.Length).Select(i => idPrefix + i).ToArray();
    }

    /// <summary>Builds the states from the history (minutes on a busy machine: call it from a global setup).</summary>
    protected void BuildStates() => States = TrustScoringData.States(Scorer, RepCount, 1_000_000);
}
