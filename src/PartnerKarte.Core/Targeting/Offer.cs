namespace PartnerKarte.Targeting;

/// <summary>An offer to place through partners: what we want to propose, and to whom it fits.</summary>
public sealed record Offer
{
    /// <summary>The product or package, e.g. クラウド会計.</summary>
    public required string Product { get; init; }

    /// <summary>Themes of the offer, matched against rep expertise and interests (e.g. インボイス制度, DX).</summary>
    public IReadOnlyList<string> Themes { get; init; } = [];

    /// <summary>Industries of partner companies the offer fits; empty means any.</summary>
    public IReadOnlyList<string> TargetIndustries { get; init; } = [];

    /// <summary>Employee size bands of partner companies the offer fits; empty means any.</summary>
    public IReadOnlyList<EmployeeSizeBand> EmployeeSizeBands { get; init; } = [];

    /// <summary>Minimum trust value (0..100) a rep must have; unrated reps are excluded when set.</summary>
    public double? MinimumTrust { get; init; }
}
