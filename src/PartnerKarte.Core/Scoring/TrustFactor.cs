using PartnerKarte.Karte;

namespace PartnerKarte.Scoring;

/// <summary>One factor of a trust score, with the evidence behind it.</summary>
/// <param name="Kind">Which factor.</param>
/// <param name="Value">The factor's value in 0..1 after shrinkage toward the prior.</param>
/// <param name="Weight">Its weight; the weights of a score sum to 1.</param>
/// <param name="EffectiveSamples">Effective (decayed) number of observations behind it.</param>
/// <param name="EvidenceIds">Ids of the interactions (or proposals, for outcomes) that moved it most, newest first.</param>
public sealed record TrustFactor(TrustFactorKind Kind, double Value, double Weight, double EffectiveSamples, IReadOnlyList<string> EvidenceIds)
{
    /// <summary>Points this factor adds to the 0–100 score: value × weight × 100.</summary>
    public double Contribution => Value * Weight * 100.0;

    /// <summary>The neutral value the factor is shrunk toward when evidence is thin (<see cref="TrustScoringOptions.PriorMean"/>).</summary>
    public double Prior { get; init; } = 0.5;

    /// <summary>
    /// Effective (decayed) observations that would have fed this factor but lack the data it reads, e.g. contacts whose
    /// initiator is not recorded for <see cref="TrustFactorKind.Initiative"/>. They are missing evidence, not evidence.
    /// </summary>
    public double MissingSamples { get; init; }

    /// <summary>Whether more of this factor's evidence is missing than present, so the factor says little (判断保留).</summary>
    public bool MostlyMissing => MissingSamples > EffectiveSamples;

    /// <summary>Points this factor moves the score away from a neutral rep: (value − prior) × weight × 100. Positive helps, negative hurts.</summary>
    public double Impact => (Value - Prior) * Weight * 100.0;
}
