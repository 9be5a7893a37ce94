using System.Globalization;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Privacy;

/// <summary>Collects what a connector holds about one partner rep into a <see cref="PersonalDataExport"/> (APPI disclosure requests).</summary>
public static class PersonalDataExporter
{
    /// <summary>Reads the rep's karte, interactions and proposals from <paramref name="connector"/> and derives the trust score.</summary>
    /// <param name="connector">The store or CRM holding the karte.</param>
    /// <param name="repId">The person.</param>
    /// <param name="asOf">The instant of the export and of the trust score.</param>
    /// <param name="scorer">The trust scorer; <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The export, or <see langword="null"/> when the connector holds no rep with this id.</returns>
    public static async Task<PersonalDataExport?> ExportAsync(KarteConnector connector, RepId repId, DateTimeOffset asOf, TrustScorer? scorer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connector);
        PartnerRep? rep = null;
        var interactions = new Dictionary<InteractionId, Interaction>();
        var proposals = new Dictionary<ProposalId, Proposal>();
        await foreach (var batch in connector.ReadKarteAsync(new KarteSelection { RepIds = [repId] }, cancellationToken).ConfigureAwait(false))
        {
            rep ??= batch.Reps.FirstOrDefault(r => r.Id == repId);
            Collect(batch);
        }

        if (rep is null)
        {
            return null;
        }

        // The company's karte also holds the meetings where the rep took part beside a colleague.
        string? companyName = null;
        await foreach (var batch in connector.ReadKarteAsync(new KarteSelection { CompanyIds = [rep.CompanyId] }, cancellationToken).ConfigureAwait(false))
        {
            companyName ??= batch.Companies.FirstOrDefault(c => c.Id == rep.CompanyId)?.Name;
            Collect(batch);
        }

        var score = (scorer ?? new TrustScorer()).Score(repId, interactions.Values.Where(i => i.RepId == repId && i.OccurredAt <= asOf), proposals.Values.Where(p => p.RepId == repId), asOf);
        return new PersonalDataExport
        {
            ExportedAt = asOf,
            Source = connector.Name,
            Rep = rep,
            CompanyName = companyName,
            Interactions = [.. interactions.Values.OrderBy(i => i.OccurredAt).ThenBy(i => i.Id.Value, StringComparer.Ordinal)],
            Proposals = [.. proposals.Values.OrderBy(p => p.CreatedOn).ThenBy(p => p.Id.Value, StringComparer.Ordinal)],
            TrustScore = score,
            TrustExplanation = TrustExplanation.Render(score, CultureInfo.GetCultureInfo("ja-JP")),
        };

        void Collect(KarteRecordBatch batch)
        {
            foreach (var i in batch.Interactions.Where(i => i.RepId == repId || i.OtherParticipants.Contains(repId)))
            {
                interactions[i.Id] = i;
            }

            foreach (var p in batch.Proposals.Where(p => p.RepId == repId))
            {
                proposals[p.Id] = p;
            }
        }
    }
}
