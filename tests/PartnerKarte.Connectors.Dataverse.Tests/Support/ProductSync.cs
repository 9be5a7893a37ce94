using Microsoft.Extensions.Logging;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse.Tests.Support;

/// <summary>The product's <see cref="EnrichmentSync"/> over a connector, with its SQLite sync-state store in a temporary file.</summary>
public sealed class ProductSync : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"pk-dv-sync-{Guid.NewGuid():N}.db");
    private readonly KarteConnector _connector;
    private readonly ILogger<EnrichmentSync>? _logger;

    public ProductSync(KarteConnector connector, ILogger<EnrichmentSync>? logger = null)
    {
        _connector = connector;
        _logger = logger;
        State = new SqliteSyncStateStore(new SqliteStoreOptions { Path = _path, CreateIfMissing = true });
    }

    public SqliteSyncStateStore State { get; }

    /// <summary>A fixed instant the scores are computed at.</summary>
    public static readonly DateTimeOffset AsOf = new(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(9));

    public Task<SyncReport> RunAsync(DateTimeOffset? asOf = null, bool fullRefresh = false) =>
        new EnrichmentSync(_connector, State, new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator()), new EnrichmentSyncOptions(), logger: _logger)
            .RunAsync(new SyncRunOptions { AsOf = asOf ?? AsOf, FullRefresh = fullRefresh });

    /// <summary>A run over the same sync state through another connector (the next night's process).</summary>
    public Task<SyncReport> RunWithAsync(KarteConnector connector, DateTimeOffset? asOf = null) =>
        new EnrichmentSync(connector, State, new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator()), new EnrichmentSyncOptions(), logger: _logger)
            .RunAsync(new SyncRunOptions { AsOf = asOf ?? AsOf });

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
