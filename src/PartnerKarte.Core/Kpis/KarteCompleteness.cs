namespace PartnerKarte.Kpis;

/// <summary>
/// How complete a partner's karte is (カルテ充足率): the weighted share of template items filled in, for the
/// company karte, the reps' kartes (averaged over active reps) and overall, each in 0..100.
/// </summary>
public sealed record KarteCompleteness
{
    /// <summary>Overall completeness in 0..100: company and rep levels blended by <see cref="PartnerKpiOptions.RepLevelWeight"/>.</summary>
    public double Percent { get; init; }

    /// <summary>Company-level completeness in 0..100.</summary>
    public double CompanyPercent { get; init; }

    /// <summary>Rep-level completeness in 0..100, the mean over active reps; 0 when the partner has no active rep.</summary>
    public double RepPercent { get; init; }

    /// <summary>Active reps counted (status active or on leave).</summary>
    public int RepCount { get; init; }

    /// <summary>Whether the partner has no active rep recorded, the gap the article warns about.</summary>
    public bool NoActiveRep { get; init; }

    /// <summary>Items not filled in, company items first, then each rep's.</summary>
    public IReadOnlyList<MissingKarteItem> Missing { get; init; } = [];
}
