using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Console.Stores;
using PartnerKarte.Karte;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;
using PartnerKarte.Text;

namespace PartnerKarte.Console.Commands;

/// <summary>
/// Where <c>karte</c> and <c>report</c> read from: a store (the SQLite file by default, or <c>--connector postgres</c>), or a CRM
/// (<c>--connector salesforce|dataverse</c>). A store is queried through <see cref="IKarteStore"/>.
/// From a CRM the karte is read once, in full, and the enrichment values are computed from it as the nightly sync would
/// write them, so both views show the same figures whichever side they read.
/// </summary>
internal sealed class KarteSource
{
    private readonly KarteDataSet? _crm;
    private readonly IReadOnlyDictionary<EnrichmentKey, EnrichmentRecord>? _crmEnrichment;

    private KarteSource(KarteConnector connector, IKarteStore? store, KarteDataSet? crm, IReadOnlyDictionary<EnrichmentKey, EnrichmentRecord>? enrichment)
    {
        Connector = connector;
        Store = store;
        _crm = crm;
        _crmEnrichment = enrichment;
    }

    public KarteConnector Connector { get; }

    public IKarteStore? Store { get; }

    public static async Task<KarteSource> OpenAsync(Cli.CommandContext ctx, string? connector)
    {
        if (connector is null || string.Equals(connector, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            // report and karte only read: they also work on a store on a read-only disk or folder.
            var sqlite = ctx.OpenStoreForReading();
            return new KarteSource(sqlite, KarteStores.For(sqlite), null, null);
        }

        var crm = ctx.CreateConnector(connector);
        if (KarteStores.For(crm) is { } store)
        {
            return new KarteSource(crm, store, null, null);
        }

        var data = await ctx.Output.WithProgressAsync($"カルテ読込 (reading the karte from {crm.Name})", async _ =>
            await KarteLoader.LoadAllAsync(crm, ctx.CancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        var options = new EnrichmentSyncOptions();
        var calculator = new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator(), options.KpiPeriodDays);
        var batch = new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions };
        var enrichment = calculator.Calculate(batch, ctx.AsOf).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last());
        return new KarteSource(crm, null, data, enrichment);
    }

    /// <summary>The kartes of a selection (a company with its reps, proposals and interactions; or reps with theirs).</summary>
    public Task<KarteDataSet> SelectionAsync(KarteSelection selection, CancellationToken cancellationToken)
    {
        if (_crm is not { } all)
        {
            return KarteLoader.LoadSelectionAsync(Connector, selection, cancellationToken);
        }

        var companyIds = selection.CompanyIds.ToHashSet();
        var reps = all.Reps.Where(r => companyIds.Contains(r.CompanyId) || selection.RepIds.Contains(r.Id)).ToList();
        var repIds = reps.Select(r => r.Id).ToHashSet();
        return Task.FromResult(new KarteDataSet
        {
            TeamMembers = all.TeamMembers,
            Companies = [.. all.Companies.Where(c => companyIds.Contains(c.Id))],
            Reps = reps,
            Proposals = [.. all.Proposals.Where(p => companyIds.Contains(p.CompanyId) || (p.RepId is { } r && repIds.Contains(r)))],
            Interactions = [.. all.Interactions.Where(i => repIds.Contains(i.RepId) || i.OtherParticipants.Any(repIds.Contains))],
        });
    }

    /// <summary>The ids of every company and rep (the store's change summary; from a CRM, the karte read at open).</summary>
    public async Task<ChangeSummary> IdsAsync(CancellationToken cancellationToken)
    {
        if (_crm is { } all)
        {
            return new ChangeSummary { Companies = [.. all.Companies.Select(c => c.Id)], Reps = [.. all.Reps.Select(r => new ChangedRep(r.Id, r.CompanyId))] };
        }

        ChangeSummary ids = new();
        await foreach (var page in Connector.ReadChangeSummaryAsync(null, cancellationToken).ConfigureAwait(false))
        {
            ids = page;
        }

        return ids;
    }

    /// <summary>The kartes of a selection in batches of a few companies (the store streams them; a CRM's are in memory).</summary>
    public async IAsyncEnumerable<KarteRecordBatch> BatchesAsync(KarteSelection selection, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_crm is null)
        {
            await foreach (var batch in Connector.ReadKarteAsync(selection, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }

            yield break;
        }

        var data = await SelectionAsync(selection, cancellationToken).ConfigureAwait(false);
        yield return new KarteRecordBatch { Companies = data.Companies, Reps = data.Reps, Proposals = data.Proposals, Interactions = data.Interactions };
    }

    /// <summary>Our team: the store's roster or the CRM's users.</summary>
    public Task<IReadOnlyList<TeamMember>> TeamAsync(CancellationToken cancellationToken) =>
        _crm is { } all ? Task.FromResult(all.TeamMembers) : Connector.ReadTeamAsync(cancellationToken);

    public async Task<EnrichmentRecord?> EnrichmentAsync(EnrichmentKey key, CancellationToken cancellationToken) =>
        _crmEnrichment is { } e ? e.GetValueOrDefault(key) : await Store!.ReadEnrichmentAsync(key, cancellationToken).ConfigureAwait(false);

    public Task<IReadOnlyDictionary<EnrichmentKey, EnrichmentRecord>> EnrichmentAsync(IReadOnlyCollection<EnrichmentKey> keys, CancellationToken cancellationToken) =>
        _crmEnrichment is { } e
            ? Task.FromResult<IReadOnlyDictionary<EnrichmentKey, EnrichmentRecord>>(keys.Where(e.ContainsKey).Distinct().ToDictionary(k => k, k => e[k]))
            : Store!.ReadEnrichmentAsync(keys, cancellationToken);

    /// <summary>Companies or reps whose name or kana contains the text (widths, kana and spaces do not matter).</summary>
    public Task<IReadOnlyList<KarteSearchHit>> SearchAsync(string text, KarteRecordKind kind, int max, CancellationToken cancellationToken)
    {
        if (_crm is not { } all)
        {
            return Store!.SearchAsync(text, kind, max, cancellationToken);
        }

        var key = JapaneseText.ToMatchKey(text);
        bool Match(string? s) => key.Length > 0 && s is not null && JapaneseText.ToMatchKey(s).Contains(key, StringComparison.Ordinal);
        IReadOnlyList<KarteSearchHit> hits = kind == KarteRecordKind.Company
            ? [.. all.Companies.Where(c => Match(c.Name) || Match(c.NameKana)).Take(max).Select(c => new KarteSearchHit(kind, c.Id.Value, c.Name, c.NameKana, null))]
            : [.. all.Reps.Where(r => Match(r.Name.Display) || Match(r.Name.Kana)).Take(max).Select(r => new KarteSearchHit(kind, r.Id.Value, r.Name.Display, r.Name.Kana, r.CompanyId.Value))];
        return Task.FromResult(hits);
    }
}
