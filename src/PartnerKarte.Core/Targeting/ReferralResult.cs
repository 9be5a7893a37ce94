namespace PartnerKarte.Targeting;

/// <summary>The answer to a referral query: the best paths, best first, and the outcome.</summary>
/// <param name="Outcome">Whether paths were found, and why not.</param>
/// <param name="Paths">The best paths, best first (ties broken by the people's ids, so results are deterministic).</param>
public sealed record ReferralResult(ReferralOutcome Outcome, IReadOnlyList<ReferralPath> Paths);
