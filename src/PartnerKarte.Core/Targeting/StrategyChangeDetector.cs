using PartnerKarte.Karte;

namespace PartnerKarte.Targeting;

/// <summary>
/// Compares two versions of a partner company's karte and lists the reps whose interests match the new direction
/// and the offers to re-target. Tags compare after NFKC folding, so ＤＸ and dx match.
/// </summary>
public static class StrategyChangeDetector
{
    /// <summary>Detects a strategy change between two versions of a company karte.</summary>
    /// <param name="before">The earlier version.</param>
    /// <param name="after">The current version (same company id).</param>
    /// <param name="data">The kartes, for the company's reps and open proposals.</param>
    /// <param name="offers">Our offers, candidates for re-targeting.</param>
    /// <returns>The change; <see cref="StrategyChange.HasChanged"/> is false when nothing relevant changed.</returns>
    /// <exception cref="ArgumentException">The two versions are of different companies.</exception>
    public static StrategyChange Detect(PartnerCompany before, PartnerCompany after, KarteDataSet data, IReadOnlyList<Offer> offers)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(offers);
        if (before.Id != after.Id)
        {
            throw new ArgumentException($"Both versions must be of the same company, not {before.Id} and {after.Id}.", nameof(after));
        }

        var oldSet = TagNormalizer.ToSet(before.FocusTags);
        var newSet = TagNormalizer.ToSet(after.FocusTags);
        var added = Distinct(after.FocusTags.Where(t => !string.IsNullOrWhiteSpace(t) && !oldSet.Contains(TagNormalizer.Normalize(t))));
        var removed = Distinct(before.FocusTags.Where(t => !string.IsNullOrWhiteSpace(t) && !newSet.Contains(TagNormalizer.Normalize(t))));
        var policyChanged = !string.Equals(Fold(before.BusinessPolicy), Fold(after.BusinessPolicy), StringComparison.Ordinal);
        if (added.Length == 0 && removed.Length == 0 && !policyChanged)
        {
            return new StrategyChange { CompanyId = after.Id };
        }

        // The new direction: the added focus, or the whole current focus when only the policy text changed.
        var direction = TagNormalizer.ToSet(added.Length > 0 ? added : after.FocusTags);
        var reps = data.Reps
            .Where(r => r.CompanyId == after.Id && r.Status == RepStatus.Active && !r.OptedOut)
            .Select(r => new RepMatch(r.Id, Distinct(r.ExpertiseTags.Concat(r.InterestTags).Where(t => direction.Contains(TagNormalizer.Normalize(t))))))
            .Where(m => m.MatchedTags.Count > 0)
            .OrderByDescending(m => m.MatchedTags.Count).ThenBy(m => m.RepId.Value, StringComparer.Ordinal)
            .ToArray();
        var offerMatches = offers
            .Select(o => new OfferMatch(o, Distinct(new[] { o.Product }.Concat(o.Themes).Where(t => direction.Contains(TagNormalizer.Normalize(t))))))
            .Where(m => m.MatchedTags.Count > 0)
            .OrderByDescending(m => m.MatchedTags.Count).ThenBy(m => m.Offer.Product, StringComparer.Ordinal)
            .ToArray();
        var removedSet = TagNormalizer.ToSet(removed);
        var atRisk = data.Proposals
            .Where(p => p.CompanyId == after.Id && p.Outcome == ProposalOutcome.Open)
            .Where(p =>
            {
                var themes = TagNormalizer.ToSet(p.Themes);
                return themes.Overlaps(removedSet) && !themes.Overlaps(newSet);
            })
            .Select(p => p.Id).OrderBy(id => id.Value, StringComparer.Ordinal).ToArray();
        return new StrategyChange
        {
            CompanyId = after.Id,
            AddedFocus = added,
            RemovedFocus = removed,
            PolicyChanged = policyChanged,
            MatchingReps = reps,
            OffersToRetarget = offerMatches,
            ProposalsAtRisk = atRisk,
        };
    }

    private static string Fold(string? s) => s is null ? string.Empty : s.Normalize(System.Text.NormalizationForm.FormKC).Trim();

    private static string[] Distinct(IEnumerable<string> tags)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. tags.Where(t => seen.Add(TagNormalizer.Normalize(t)))];
    }
}
