using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Commands;

/// <summary>Reads kartes and enrichment values back from a store, for the views and the report.</summary>
internal static class KarteLoader
{
    /// <summary>The whole karte of a connector, via a full change read (newest version of each record wins).</summary>
    public static async Task<KarteDataSet> LoadAllAsync(KarteConnector connector, CancellationToken cancellationToken)
    {
        var companies = new Dictionary<CompanyId, PartnerCompany>();
        var reps = new Dictionary<RepId, PartnerRep>();
        var proposals = new Dictionary<ProposalId, Proposal>();
        var interactions = new Dictionary<InteractionId, Interaction>();
        await foreach (var page in connector.ReadChangesAsync(null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var c in page.Companies)
            {
                companies[c.Id] = c;
            }

            foreach (var r in page.Reps)
            {
                reps[r.Id] = r;
            }

            foreach (var p in page.Proposals)
            {
                proposals[p.Id] = p;
            }

            foreach (var i in page.Interactions)
            {
                interactions[i.Id] = i;
            }
        }

        var team = await connector.ReadTeamAsync(cancellationToken).ConfigureAwait(false);
        return new KarteDataSet
        {
            TeamMembers = team,
            Companies = [.. companies.Values.OrderBy(c => c.Id.Value, StringComparer.Ordinal)],
            Reps = [.. reps.Values.OrderBy(r => r.Id.Value, StringComparer.Ordinal)],
            Proposals = [.. proposals.Values.OrderBy(p => p.Id.Value, StringComparer.Ordinal)],
            Interactions = [.. interactions.Values.OrderBy(i => i.OccurredAt).ThenBy(i => i.Id.Value, StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// The data set with a roster of our team: the store's or CRM's own (read with the karte), or, for one that keeps
    /// none (a store written before the roster existed), everyone who owns a company, rep, proposal or next action or
    /// logged an interaction, taken as active members of one team. <c>import</c>, <c>demo</c> and <c>migrate</c> fill the
    /// store's roster.
    /// </summary>
    public static KarteDataSet WithOwnersAsTeam(KarteDataSet data)
    {
        if (data.TeamMembers.Count > 0)
        {
            return data;
        }

        var ids = data.Companies.Select(c => c.OwnerId)
            .Concat(data.Reps.Select(r => r.OwnerId))
            .Concat(data.Proposals.Select(p => p.OwnerId))
            .Concat(data.Interactions.Select(i => i.UserId))
            .OfType<UserId>()
            .Distinct()
            .OrderBy(u => u.Value, StringComparer.Ordinal);
        return data with { TeamMembers = [.. ids.Select(u => new TeamMember(u, u.Value, "team"))] };
    }

    /// <summary>The kartes of a selection only (a company with its reps, proposals and interactions; or reps with theirs).</summary>
    public static async Task<KarteDataSet> LoadSelectionAsync(KarteConnector connector, KarteSelection selection, CancellationToken cancellationToken)
    {
        var companies = new List<PartnerCompany>();
        var reps = new List<PartnerRep>();
        var proposals = new List<Proposal>();
        var interactions = new List<Interaction>();
        await foreach (var batch in connector.ReadKarteAsync(selection, cancellationToken).ConfigureAwait(false))
        {
            companies.AddRange(batch.Companies);
            reps.AddRange(batch.Reps);
            proposals.AddRange(batch.Proposals);
            interactions.AddRange(batch.Interactions);
        }

        var team = await connector.ReadTeamAsync(cancellationToken).ConfigureAwait(false);
        return new KarteDataSet
        {
            TeamMembers = team,
            Companies = [.. companies.DistinctBy(c => c.Id)],
            Reps = [.. reps.DistinctBy(r => r.Id)],
            Proposals = [.. proposals.DistinctBy(p => p.Id)],
            Interactions = [.. interactions.DistinctBy(i => i.Id).OrderBy(i => i.OccurredAt).ThenBy(i => i.Id.Value, StringComparer.Ordinal)],
        };
    }

    /// <summary>The enrichment values stored for each rep and company that has them (read in bulk).</summary>
    public static Task<IReadOnlyDictionary<EnrichmentKey, EnrichmentRecord>> LoadEnrichmentAsync(SqliteKarteConnector store, KarteDataSet data, CancellationToken cancellationToken)
    {
        var keys = data.Companies.Select(c => new EnrichmentKey(EnrichmentTarget.Company, c.Id.Value))
            .Concat(data.Reps.Select(r => new EnrichmentKey(EnrichmentTarget.Rep, r.Id.Value)))
            .ToList();
        return store.ReadEnrichmentAsync(keys, cancellationToken);
    }
}
