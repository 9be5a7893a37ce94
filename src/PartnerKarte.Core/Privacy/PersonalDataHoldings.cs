namespace PartnerKarte.Privacy;

/// <summary>What a store holds about one rep (counts only, no values): what an erasure removes or removed.</summary>
public sealed record PersonalDataHoldings
{
    /// <summary>Whether the rep's own record (name, contact details, personality, tags) is held.</summary>
    public bool Rep { get; init; }

    /// <summary>Employment episodes (所属履歴).</summary>
    public int EmploymentEpisodes { get; init; }

    /// <summary>Custom karte items (独自項目).</summary>
    public int CustomItems { get; init; }

    /// <summary>Interactions with the rep, with their statements, concerns and next actions (接点の記録).</summary>
    public int Interactions { get; init; }

    /// <summary>Interactions of other reps that list this rep as a participant (the mention is removed, the interaction stays).</summary>
    public int Mentions { get; init; }

    /// <summary>Proposals linked to the rep (the link is removed; the proposal belongs to the company and stays).</summary>
    public int ProposalLinks { get; init; }

    /// <summary>Whether enrichment values (trust score, rank, confidence, trend, last contact, follow-up priority) are held.</summary>
    public bool Enrichment { get; init; }

    /// <summary>Whether anything at all is held.</summary>
    public bool Any => Rep || EmploymentEpisodes > 0 || CustomItems > 0 || Interactions > 0 || Mentions > 0 || ProposalLinks > 0 || Enrichment;
}
