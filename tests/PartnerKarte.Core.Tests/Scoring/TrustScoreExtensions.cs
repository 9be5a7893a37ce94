using PartnerKarte.Scoring;

namespace PartnerKarte.Core.Tests.Scoring;

internal static class TrustScoreExtensions
{
    public static TrustFactor Factor(this TrustScore score, TrustFactorKind kind) => score.Factors.Single(f => f.Kind == kind);
}
