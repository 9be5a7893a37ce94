using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Privacy;
using PartnerKarte.Sync;
using static PartnerKarte.Connectors.Sqlite.SqliteValues;
using static PartnerKarte.Connectors.Shared.KarteValues;
using PartnerKarte.Connectors.Shared;

namespace PartnerKarte.Connectors.Sqlite;

/// <summary>
/// The embedded store as a connector: the full karte in one SQLite file (WAL, transactions), with
/// enrichment columns on reps and companies. Every karte write takes a new value of a store-wide change
/// sequence, so the change feed is exact; enrichment writes do not touch it.
/// </summary>
public sealed partial class SqliteKarteConnector : KarteConnector, IPersonalDataStore, IAsyncDisposable, IDisposable
{
    /// <summary>Companies per batch of <see cref="ReadKarteAsync"/> (a company of the benchmark carries 50 reps and 1,000 interactions).</summary>
    private const int CompaniesPerBatch = 10;

    /// <summary>Company batches <see cref="ReadKarteAsync"/> reads ahead of its caller, each on its own connection.</summary>
    private const int ReadAhead = 1;

    /// <summary>The page cache of a karte read: 8 MB.</summary>
    private const string ReadCacheSizePragma = "PRAGMA cache_size = -8000";

    /// <summary>From this many records an upsert call runs with a large page cache (a bulk load or import).</summary>
    private const int BulkUpsertRows = 10_000;

    private readonly SqliteDatabase db;
    private readonly SqliteStoreOptions options;

    /// <summary>Opens (creating or migrating when needed) the store file named in the options.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="SqliteStoreException">The file is not a PartnerKarte store, is damaged, or is newer; it is left untouched.</exception>
    public SqliteKarteConnector(SqliteStoreOptions options)
        : this(SqliteDatabase.Open(options), options)
    {
        ownsDatabase = true;
    }

    private readonly bool ownsDatabase;

    /// <summary>Opens the store named in the options (<c>:memory:</c> for one kept in memory) without blocking the caller while it is created or migrated.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The open store; dispose it to close the file (or drop the in-memory store).</returns>
    /// <exception cref="SqliteStoreException">The file is not a PartnerKarte store, is damaged, is newer, or is missing without <see cref="SqliteStoreOptions.CreateIfMissing"/>.</exception>
    public static async Task<SqliteKarteConnector> OpenAsync(SqliteStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SqliteKarteConnector(await SqliteDatabase.OpenAsync(options, cancellationToken).ConfigureAwait(false), options, owns: true);
    }

    private SqliteKarteConnector(SqliteDatabase db, SqliteStoreOptions options, bool owns)
        : this(db, options) => ownsDatabase = owns;

    /// <summary>Closes the store when this object opened it (a store shared through dependency injection is closed by the container).</summary>
    public void Dispose()
    {
        if (ownsDatabase)
        {
            db.Dispose();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal SqliteKarteConnector(SqliteDatabase db, SqliteStoreOptions options)
    {
        this.db = db;
        this.options = options;
        Capabilities = new ConnectorCapabilities
        {
            MaxBatchSize = options.WriteBatchSize,
            MaxParallelism = 1,
            SupportsDelta = true,
            SupportsBulk = true,
            SupportsDeletions = true,
            SupportsKarteUpsert = true,
            SupportsOperations = true,
        };
    }

    /// <inheritdoc/>
    public override string Name => "sqlite";

    /// <summary>
    /// <c>sqlite:</c> and the store's own id: state kept about this store (sync watermarks, migration checkpoints) is
    /// kept apart from state about any other store file, including a re-created one at the same path.
    /// </summary>
    public override string StateKey => db.StoreId is { } id ? "sqlite:" + id : Name;

    /// <summary>The full path of the store file.</summary>
    public string Path => db.Path;

    /// <inheritdoc/>
    public override ConnectorCapabilities Capabilities { get; }

    /// <summary>A sync-state store in the same file, sharing this connector's write lock.</summary>
    /// <returns>The state store.</returns>
    public SqliteSyncStateStore CreateSyncStateStore() => new(db);

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var from = ParseWatermark(watermark);
        var pageSize = options.PageSize;
        using var connection = db.OpenConnection();
        // One read transaction: every page comes from the same snapshot (WAL readers do not block the writer).
        using var tx = connection.BeginTransaction(deferred: true);
        var upTo = ReadSeq(connection, tx);
        if (upTo <= from)
        {
            yield return new ChangePage { NextWatermark = WatermarkOf(Math.Max(from, upTo)) };
            yield break;
        }

        using var companies = Command(connection, tx, KarteTables.Select("companies", KarteTables.CompanyColumns) + " WHERE seq > $from AND seq <= $to ORDER BY seq LIMIT $n");
        using var reps = Command(connection, tx, KarteTables.Select("reps", KarteTables.RepColumns) + " WHERE seq > $from AND seq <= $to ORDER BY seq LIMIT $n");
        using var proposals = Command(connection, tx, KarteTables.Select("proposals", KarteTables.ProposalColumns) + " WHERE seq > $from AND seq <= $to ORDER BY seq LIMIT $n");
        using var interactions = Command(connection, tx, KarteTables.Select("interactions", KarteTables.InteractionColumns) + " WHERE seq > $from AND seq <= $to ORDER BY seq LIMIT $n");
        using var tombstones = Command(connection, tx, "SELECT kind, id, seq, rep_id, company_id FROM tombstones WHERE seq > $from AND seq <= $to ORDER BY seq LIMIT $n");
        SqliteCommand[] all = [companies, reps, proposals, interactions, tombstones];
        foreach (var cmd in all)
        {
            cmd.Parameters.AddWithValue("$from", from);
            cmd.Parameters.AddWithValue("$to", upTo);
            cmd.Parameters.AddWithValue("$n", pageSize);
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var cmd in all)
            {
                cmd.Parameters["$from"].Value = from;
            }

            var companyRows = ReadRows(companies, r => (KarteTables.ReadCompany(r, null), r.GetInt64(KarteTables.CompanyColumns.Length)));
            var repRows = ReadRows(reps, r => (KarteTables.ReadRep(r, null, null), r.GetInt64(KarteTables.RepColumns.Length)));
            var proposalRows = ReadRows(proposals, r => (KarteTables.ReadProposal(r), r.GetInt64(KarteTables.ProposalColumns.Length)));
            var interactionRows = ReadRows(interactions, r => (KarteTables.ReadInteraction(r), r.GetInt64(KarteTables.InteractionColumns.Length)));
            var deletedRows = ReadRows(tombstones, r => (new DeletedRecord((KarteRecordKind)r.GetInt32(0), r.GetString(1)) { RepId = KarteValues.Text(r, 3), CompanyId = KarteValues.Text(r, 4) }, r.GetInt64(2)));

            // Cut the page at the lowest last-seq among the sources that hit the page size: everything at or
            // below the cut is complete; rows above it come again on the next page.
            var cut = upTo;
            Cut(companyRows, pageSize, ref cut);
            Cut(repRows, pageSize, ref cut);
            Cut(proposalRows, pageSize, ref cut);
            Cut(interactionRows, pageSize, ref cut);
            Cut(deletedRows, pageSize, ref cut);

            var companyList = Below(companyRows, cut);
            var repList = Below(repRows, cut);
            companyList = WithCompanyCustomItems(connection, tx, companyList);
            repList = WithRepDetails(connection, tx, repList);
            yield return new ChangePage
            {
                Companies = companyList,
                Reps = repList,
                Proposals = Below(proposalRows, cut),
                Interactions = Below(interactionRows, cut),
                Deletions = Below(deletedRows, cut),
                NextWatermark = WatermarkOf(cut),
            };

            if (cut >= upTo)
            {
                yield break;
            }

            from = cut;
            await Task.Yield();
        }
    }

    /// <inheritdoc/>
    /// <remarks>One page from one snapshot, ids only: a full read walks the rep index of the interactions instead of materialising every row.</remarks>
    public override async IAsyncEnumerable<ChangeSummary> ReadChangeSummaryAsync(string? watermark, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var from = ParseWatermark(watermark);
        ChangeSummary summary;
        using (var connection = db.OpenConnection())
        using (var tx = connection.BeginTransaction(deferred: true))
        {
            var upTo = ReadSeq(connection, tx);
            summary = upTo <= from
                ? new ChangeSummary { NextWatermark = WatermarkOf(Math.Max(from, upTo)) }
                : Summarise(connection, tx, from, upTo);
            tx.Commit();
            ReleaseCache(connection);
        }

        await Task.Yield();
        yield return summary;
    }

    private static ChangeSummary Summarise(SqliteConnection connection, SqliteTransaction tx, long from, long upTo)
    {
        // Every karte write takes its seq inside the transaction that moves meta.seq, so inside this snapshot no row has
        // seq > upTo: a read from the start needs no seq filter, and GROUP BY rep_id runs on the covering rep index.
        var full = from == 0;
        var range = full ? string.Empty : " WHERE seq > $from AND seq <= $to";
        long count = 0;
        var companies = ReadIds(connection, tx, "SELECT id FROM companies" + range, from, upTo, r => new CompanyId(r.GetString(0)));
        var reps = ReadIds(connection, tx, "SELECT id, company_id FROM reps" + range, from, upTo, r => new ChangedRep(new RepId(r.GetString(0)), new CompanyId(r.GetString(1))));
        var proposalCompanies = ReadIds(connection, tx, "SELECT company_id, count(*) FROM proposals" + range + " GROUP BY company_id", from, upTo, r =>
        {
            count += r.GetInt64(1);
            return new CompanyId(r.GetString(0));
        });
        var recordReps = ReadIds(connection, tx, "SELECT rep_id, count(*) FROM interactions" + range + " GROUP BY rep_id", from, upTo, r =>
        {
            count += r.GetInt64(1);
            return new RepId(r.GetString(0));
        });
        recordReps.AddRange(ReadIds(connection, tx, "SELECT DISTINCT rep_id FROM proposals" + (full ? " WHERE" : range + " AND") + " rep_id IS NOT NULL", from, upTo, r => new RepId(r.GetString(0))));
        var deletions = ReadIds(connection, tx, "SELECT kind, id, rep_id, company_id FROM tombstones WHERE seq > $from AND seq <= $to ORDER BY seq", from, upTo, r =>
            new DeletedRecord((KarteRecordKind)r.GetInt32(0), r.GetString(1)) { RepId = KarteValues.Text(r, 2), CompanyId = KarteValues.Text(r, 3) });
        return new ChangeSummary
        {
            Companies = companies,
            Reps = reps,
            ProposalCompanies = proposalCompanies,
            RecordReps = recordReps,
            Deletions = deletions,
            Count = count + companies.Count + reps.Count + deletions.Count,
            NextWatermark = WatermarkOf(upTo),
        };
    }

    private static List<T> ReadIds<T>(SqliteConnection connection, SqliteTransaction tx, string sql, long from, long upTo, Func<SqliteDataReader, T> read)
    {
        using var cmd = Command(connection, tx, sql);
        cmd.Parameters.AddWithValue("$from", from);
        cmd.Parameters.AddWithValue("$to", upTo);
        return ReadRows(cmd, read);
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<KarteRecordBatch> ReadKarteAsync(KarteSelection selection, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Companies in small chunks: each batch carries whole company kartes (reps and their interactions included), read
        // in one snapshot. Small batches die young: a sync holds a few in flight, so memory stays low and the GC promotes
        // little. The next chunk is read on a second connection while the caller works on the current one (WAL readers
        // do not block each other), so a full sync reads on two cores.
        var chunks = selection.CompanyIds.Select(c => c.Value).Distinct().Chunk(CompaniesPerBatch).ToList();
        var reading = new Queue<Task<KarteRecordBatch>>();
        try
        {
            foreach (var chunk in chunks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                reading.Enqueue(Task.Run(() => ReadCompanies(chunk), cancellationToken));
                if (reading.Count > ReadAhead)
                {
                    yield return await reading.Dequeue().ConfigureAwait(false);
                }
            }

            while (reading.Count > 0)
            {
                yield return await reading.Dequeue().ConfigureAwait(false);
            }
        }
        finally
        {
            // A caller that stops early: the reads still running finish on their own connections before this returns.
            while (reading.Count > 0)
            {
                await reading.Dequeue().ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
            }
        }

        if (selection.RepIds.Count == 0)
        {
            yield break;
        }

        using var connection = db.OpenConnection();
        using var tx = connection.BeginTransaction(deferred: true);
        // Company by company: a batch then holds whole companies' worth of the selected reps, which the sync patches into
        // its mirror once per company.
        var byCompany = Query(
            connection, tx, "SELECT j.value FROM json_each($ids) AS j LEFT JOIN reps ON reps.id = j.value ORDER BY reps.company_id, j.value",
            JsonSerializer.Serialize(selection.RepIds.Select(r => r.Value).Distinct()), r => r.GetString(0));
        foreach (var chunk in byCompany.Chunk(1000))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ids = JsonSerializer.Serialize(chunk);
            var reps = Query(connection, tx, KarteTables.Select("reps", KarteTables.RepColumns) + " WHERE id IN (SELECT value FROM json_each($ids))", ids, r => KarteTables.ReadRep(r, null, null));
            var interactions = Query(connection, tx, KarteTables.Select("interactions", KarteTables.InteractionColumns) + " WHERE rep_id IN (SELECT value FROM json_each($ids))", ids, KarteTables.ReadInteraction);
            var proposals = Query(connection, tx, KarteTables.Select("proposals", KarteTables.ProposalColumns) + " WHERE rep_id IN (SELECT value FROM json_each($ids)) ORDER BY id", ids, KarteTables.ReadProposal);
            yield return new KarteRecordBatch { Reps = WithRepDetails(connection, tx, reps), Interactions = interactions, Proposals = proposals };
            await Task.Yield();
        }

        tx.Commit();
        ReleaseCache(connection);
    }

    /// <summary>Reads whole company kartes in one snapshot, on a connection of its own.</summary>
    private KarteRecordBatch ReadCompanies(string[] chunk)
    {
        try
        {
            using var connection = db.OpenConnection();
            // Two of these run at once beside the sync's writer: a small page cache (the leaf pages of a karte are read
            // once; the interior pages fit) keeps the process's peak memory down.
            Pragma(connection, ReadCacheSizePragma);
            using var tx = connection.BeginTransaction(deferred: true);
            var ids = JsonSerializer.Serialize(chunk);
            var companies = Query(connection, tx, KarteTables.Select("companies", KarteTables.CompanyColumns) + " WHERE id IN (SELECT value FROM json_each($ids))", ids, r => KarteTables.ReadCompany(r, null));
            var proposals = Query(connection, tx, KarteTables.Select("proposals", KarteTables.ProposalColumns) + " WHERE company_id IN (SELECT value FROM json_each($ids)) OR rep_id IN (SELECT id FROM reps WHERE company_id IN (SELECT value FROM json_each($ids))) ORDER BY id", ids, KarteTables.ReadProposal);
            var reps = Query(connection, tx, KarteTables.Select("reps", KarteTables.RepColumns) + " WHERE company_id IN (SELECT value FROM json_each($ids)) ORDER BY id", ids, r => KarteTables.ReadRep(r, null, null));
            var interactions = Query(connection, tx, KarteTables.Select("interactions", KarteTables.InteractionColumns) + " WHERE rep_id IN (SELECT id FROM reps WHERE company_id IN (SELECT value FROM json_each($ids)))", ids, KarteTables.ReadInteraction);
            var batch = new KarteRecordBatch
            {
                Companies = WithCompanyCustomItems(connection, tx, companies),
                Proposals = proposals,
                Reps = WithRepDetails(connection, tx, reps),
                Interactions = interactions,
            };
            tx.Commit();
            return batch;
        }
        catch (SqliteException ex)
        {
            throw db.Translate(ex);
        }
    }

    /// <summary>
    /// A bulk read fills the connection's page cache with pages nobody reads again; the pooled connection would keep them
    /// (up to the cache size per connection) while the sync's writer and state connections fill theirs. Freed here, the
    /// process's peak memory stays lower.
    /// </summary>
    private static void ReleaseCache(SqliteConnection connection) => Pragma(connection, "PRAGMA shrink_memory");

    private static void Pragma(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<EnrichmentWriteResult>> WriteEnrichmentAsync(IReadOnlyList<EnrichmentRecord> records, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await db.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = db.OpenConnection();
            using var tx = connection.BeginTransaction();
            // Only for a rep or company the store holds (0 rows changed otherwise: NOT_FOUND below).
            using var rep = Command(connection, tx,
                "INSERT INTO rep_enrichment (id, trust_score, trust_rank, trust_confidence, trust_trend, last_contact_date, follow_up_priority, trust_reasons) "
                + "SELECT $id, $score, $rank, $confidence, $trend, $last, $priority, $reasons WHERE EXISTS (SELECT 1 FROM reps WHERE id = $id) "
                + "ON CONFLICT (id) DO UPDATE SET trust_score = excluded.trust_score, trust_rank = excluded.trust_rank, trust_confidence = excluded.trust_confidence, "
                + "trust_trend = excluded.trust_trend, last_contact_date = excluded.last_contact_date, follow_up_priority = excluded.follow_up_priority, trust_reasons = excluded.trust_reasons");
            var rp = Parameters(rep, "id", "score", "rank", "confidence", "trend", "last", "priority", "reasons");
            using var company = Command(connection, tx,
                "INSERT INTO company_enrichment (id, deal_count, won_count, win_rate, revenue, gross_profit, completeness, contract_alert) "
                + "SELECT $id, $deals, $won, $rate, $revenue, $profit, $completeness, $alert WHERE EXISTS (SELECT 1 FROM companies WHERE id = $id) "
                + "ON CONFLICT (id) DO UPDATE SET deal_count = excluded.deal_count, won_count = excluded.won_count, win_rate = excluded.win_rate, "
                + "revenue = excluded.revenue, gross_profit = excluded.gross_profit, completeness = excluded.completeness, contract_alert = excluded.contract_alert");
            var cp = Parameters(company, "id", "deals", "won", "rate", "revenue", "profit", "completeness", "alert");
            var results = new EnrichmentWriteResult[records.Count];

            // In key order: consecutive updates touch neighbouring B-tree pages; results keep the records' order.
            var order = Enumerable.Range(0, records.Count).Order(Comparer<int>.Create((a, b) => CompareKeys(records[a].Key, records[b].Key))).ToList();
            foreach (var i in order)
            {
                var record = records[i];
                int changed;
                if (record.Target == EnrichmentTarget.Rep)
                {
                    rp[0].Value = record.Id;
                    rp[1].Value = Db(record.TrustScore);
                    rp[2].Value = record.TrustRank is TrustRank rank ? (int)rank : DBNull.Value;
                    rp[3].Value = Db(record.TrustConfidence);
                    rp[4].Value = Db(record.TrustTrend);
                    rp[5].Value = Db(record.LastContactDate);
                    rp[6].Value = record.FollowUpPriority is FollowUpPriority p ? (int)p : DBNull.Value;
                    rp[7].Value = Db(record.TrustReasons);
                    changed = rep.ExecuteNonQuery();
                }
                else
                {
                    cp[0].Value = record.Id;
                    cp[1].Value = Db(record.DealCount);
                    cp[2].Value = Db(record.WonCount);
                    cp[3].Value = Db(record.WinRatePercent);
                    cp[4].Value = Db(record.Revenue);
                    cp[5].Value = Db(record.GrossProfit);
                    cp[6].Value = Db(record.KarteCompletenessPercent);
                    cp[7].Value = Db(record.ContractAlert);
                    changed = company.ExecuteNonQuery();
                }

                results[i] = changed > 0
                    ? EnrichmentWriteResult.Success(record.Key)
                    : EnrichmentWriteResult.Failure(record.Key, "NOT_FOUND", $"No {(record.Target == EnrichmentTarget.Rep ? "rep" : "company")} with id '{record.Id}' in the store.");
            }

            tx.Commit();
            return results;
        }
        catch (SqliteException ex)
        {
            throw db.Translate(ex);
        }
        finally
        {
            db.WriteLock.Release();
        }
    }

    /// <summary>
    /// Finds companies and reps by name or kana reading, as people type them: a part of the name, in any width, in
    /// hiragana or katakana, with or without 株式会社/(株) (compared after <see cref="Text.JapaneseText.ToMatchKey"/>).
    /// Reads the names only, never whole kartes.
    /// </summary>
    /// <param name="text">What the user typed.</param>
    /// <param name="kind"><see cref="KarteRecordKind.Company"/> or <see cref="KarteRecordKind.Rep"/>.</param>
    /// <param name="max">At most this many hits, exact matches first.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The hits.</returns>
    public Task<IReadOnlyList<KarteSearchHit>> SearchAsync(string text, KarteRecordKind kind, int max = 20, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();
        var key = Text.JapaneseText.ToMatchKey(text); // folds width, hiragana/katakana, small kana and long vowels
        var companyKey = kind == KarteRecordKind.Company ? Text.CompanyName.Parse(text).Key : key;
        var hits = new List<(KarteSearchHit Hit, bool Exact)>();
        if (key.Length == 0)
        {
            return Task.FromResult<IReadOnlyList<KarteSearchHit>>([]);
        }

        using var connection = db.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = kind == KarteRecordKind.Company
            ? "SELECT id, name, name_kana, NULL FROM companies"
            : "SELECT id, family_name || ' ' || given_name, trim(ifnull(family_kana, '') || ' ' || ifnull(given_kana, '')), company_id FROM reps";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var name = r.GetString(1);
            var kana = r.IsDBNull(2) || r.GetString(2).Length == 0 ? null : r.GetString(2);
            var nameKey = Text.JapaneseText.ToMatchKey(kind == KarteRecordKind.Company ? Text.CompanyName.Parse(name).Key : name);
            var readingKey = Text.JapaneseText.ToMatchKey(kana);
            var exact = nameKey == companyKey || readingKey == key;
            if (exact || nameKey.Contains(companyKey, StringComparison.Ordinal) || (readingKey.Length > 0 && readingKey.Contains(key, StringComparison.Ordinal)))
            {
                hits.Add((new KarteSearchHit(kind, r.GetString(0), name, kana, r.IsDBNull(3) ? null : r.GetString(3)), exact));
            }
        }

        return Task.FromResult<IReadOnlyList<KarteSearchHit>>([.. hits.OrderByDescending(h => h.Exact).ThenBy(h => h.Hit.Id, StringComparer.Ordinal).Take(max).Select(h => h.Hit)]);
    }

    private static int CompareKeys(EnrichmentKey a, EnrichmentKey b)
    {
        var byTarget = a.Target.CompareTo(b.Target);
        return byTarget != 0 ? byTarget : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>Reads the enrichment values stored for a target (for the console's karte view and tests).</summary>
    /// <param name="key">The target.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The values, or <see langword="null"/> when the target does not exist or was never enriched.</returns>
    public async Task<EnrichmentRecord?> ReadEnrichmentAsync(EnrichmentKey key, CancellationToken cancellationToken = default) =>
        (await ReadEnrichmentAsync([key], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(key);

    /// <summary>Reads the enrichment values stored for many targets at once (two queries per thousand keys, one snapshot).</summary>
    /// <param name="keys">The targets.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The values of the targets that exist and were enriched.</returns>
    public Task<IReadOnlyDictionary<EnrichmentKey, EnrichmentRecord>> ReadEnrichmentAsync(IReadOnlyCollection<EnrichmentKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        var result = new Dictionary<EnrichmentKey, EnrichmentRecord>();
        try
        {
            using var connection = db.OpenConnection();
            using var tx = connection.BeginTransaction(deferred: true);
            foreach (var target in new[] { EnrichmentTarget.Rep, EnrichmentTarget.Company })
            {
                foreach (var chunk in keys.Where(k => k.Target == target).Select(k => k.Id).Distinct().Chunk(1000))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var sql = target == EnrichmentTarget.Rep
                        ? "SELECT trust_score, trust_rank, trust_confidence, trust_trend, last_contact_date, follow_up_priority, trust_reasons, id FROM rep_enrichment WHERE id IN (SELECT value FROM json_each($ids))"
                        : "SELECT deal_count, won_count, win_rate, revenue, gross_profit, completeness, contract_alert, id FROM company_enrichment WHERE id IN (SELECT value FROM json_each($ids))";
                    using var cmd = Command(connection, tx, sql);
                    cmd.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(chunk));
                    using var r = cmd.ExecuteReader();
                    while (r.Read())
                    {
                        var id = r.GetString(r.FieldCount - 1);
                        var record = target == EnrichmentTarget.Rep ? RepEnrichment(r, id) : CompanyEnrichment(r, id);
                        result[record.Key] = record;
                    }
                }
            }

            tx.Commit();
        }
        catch (SqliteException ex)
        {
            throw db.Translate(ex);
        }

        return Task.FromResult<IReadOnlyDictionary<EnrichmentKey, EnrichmentRecord>>(result);
    }

    private static EnrichmentRecord RepEnrichment(SqliteDataReader r, string id) => new()
    {
        Target = EnrichmentTarget.Rep,
        Id = id,
        TrustScore = Real(r, 0),
        TrustRank = Int(r, 1) is int rank ? (TrustRank)rank : null,
        TrustConfidence = Real(r, 2),
        TrustTrend = Real(r, 3),
        LastContactDate = Date(r, 4),
        FollowUpPriority = Int(r, 5) is int p ? (FollowUpPriority)p : null,
        TrustReasons = r.IsDBNull(6) ? null : r.GetString(6),
    };

    private static EnrichmentRecord CompanyEnrichment(SqliteDataReader c, string id) => new()
    {
        Target = EnrichmentTarget.Company,
        Id = id,
        DealCount = Int(c, 0),
        WonCount = Int(c, 1),
        WinRatePercent = Real(c, 2),
        Revenue = Money(c, 3),
        GrossProfit = Money(c, 4),
        KarteCompletenessPercent = Real(c, 5),
        ContractAlert = KarteValues.Text(c, 6),
    };

    /// <inheritdoc/>
    /// <remarks>One transaction per call with prepared commands reused for every row; call with large batches for bulk loads.</remarks>
    public override async Task<IReadOnlyList<KarteUpsertResult>> UpsertKarteAsync(KarteRecordBatch batch, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await db.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = db.OpenConnection();
            // A bulk load inserts into the rep and sequence indexes all over: with a page cache as large as the indexes,
            // each index page is read and written once per call instead of once per row that touches it.
            var bulk = batch.Count >= BulkUpsertRows;
            if (bulk)
            {
                Pragma(connection, "PRAGMA cache_size = -262144");
            }

            using var tx = connection.BeginTransaction();
            var seq = ReadSeq(connection, tx);
            var results = new List<KarteUpsertResult>(batch.Count);
            using var exists = new ExistsCommands(connection);
            using var deleteCustom = Command(connection, tx, "DELETE FROM custom_items WHERE owner_kind = $kind AND owner_id = $id");
            var dcp = Parameters(deleteCustom, "kind", "id");
            using var insertCustom = Command(connection, tx, "INSERT INTO custom_items (owner_kind, owner_id, key, type, value) VALUES ($kind, $id, $key, $type, $value)");
            var icp = Parameters(insertCustom, "kind", "id", "key", "type", "value");

            void WriteCustom(int kind, string id, bool existed, IReadOnlyDictionary<string, KarteValue> items)
            {
                if (existed)
                {
                    dcp[0].Value = kind;
                    dcp[1].Value = id;
                    deleteCustom.ExecuteNonQuery();
                }

                foreach (var (key, value) in items)
                {
                    icp[0].Value = kind;
                    icp[1].Value = id;
                    icp[2].Value = key;
                    icp[3].Value = (int)value.Type;
                    icp[4].Value = Db(KarteTables.CustomValue(value));
                    insertCustom.ExecuteNonQuery();
                }
            }

            if (batch.Companies.Count > 0)
            {
                using var upsert = new PreparedStatement(connection, KarteTables.Upsert("companies", KarteTables.CompanyColumns, '$'), [.. KarteTables.CompanyColumns, "seq"]);
                var p = upsert.Parameters;
                foreach (var company in batch.Companies)
                {
                    var existed = exists.Company(company.Id.Value);
                    KarteTables.Bind(p, company);
                    p[^1].Value = ++seq;
                    upsert.Execute();
                    WriteCustom(KarteTables.CompanyOwner, company.Id.Value, existed, company.CustomItems);
                    results.Add(new(KarteRecordKind.Company, company.Id.Value, existed ? UpsertOutcome.Updated : UpsertOutcome.Created));
                }
            }

            if (batch.Reps.Count > 0)
            {
                using var upsert = new PreparedStatement(connection, KarteTables.Upsert("reps", KarteTables.RepColumns, '$'), [.. KarteTables.RepColumns, "seq"]);
                var p = upsert.Parameters;
                using var deleteEpisodes = Command(connection, tx, "DELETE FROM employment_episodes WHERE rep_id = $id");
                var dep = Parameters(deleteEpisodes, "id");
                using var insertEpisode = Command(connection, tx, "INSERT INTO employment_episodes (rep_id, ordinal, company_id, title, department, from_date, to_date) VALUES ($rep, $ordinal, $company, $title, $department, $from, $to)");
                var iep = Parameters(insertEpisode, "rep", "ordinal", "company", "title", "department", "from", "to");
                foreach (var rep in batch.Reps)
                {
                    var existed = exists.Rep(rep.Id.Value);
                    KarteTables.Bind(p, rep);
                    p[^1].Value = ++seq;
                    upsert.Execute();
                    if (existed)
                    {
                        dep[0].Value = rep.Id.Value;
                        deleteEpisodes.ExecuteNonQuery();
                    }

                    for (var i = 0; i < rep.Employment.Count; i++)
                    {
                        var e = rep.Employment[i];
                        iep[0].Value = rep.Id.Value;
                        iep[1].Value = i;
                        iep[2].Value = e.CompanyId.Value;
                        iep[3].Value = Db(e.Title);
                        iep[4].Value = Db(e.Department);
                        iep[5].Value = Db(e.From);
                        iep[6].Value = Db(e.To);
                        insertEpisode.ExecuteNonQuery();
                    }

                    WriteCustom(KarteTables.RepOwner, rep.Id.Value, existed, rep.CustomItems);
                    results.Add(new(KarteRecordKind.Rep, rep.Id.Value, existed ? UpsertOutcome.Updated : UpsertOutcome.Created));
                }
            }

            UpsertRows(KarteRecordKind.Proposal, "proposals", KarteTables.ProposalColumns, batch.Proposals, p => p.Id.Value, exists.Proposal, KarteTables.Bind);
            // In the table's order (rep, then id): consecutive rows land on the same or neighbouring pages.
            var interactions = batch.Interactions.Count > 1
                ? [.. batch.Interactions.OrderBy(i => i.RepId.Value, StringComparer.Ordinal).ThenBy(i => i.Id.Value, StringComparer.Ordinal)]
                : batch.Interactions;
            UpsertRows(KarteRecordKind.Interaction, "interactions", KarteTables.InteractionColumns, interactions, i => i.Id.Value, exists.Interaction, KarteTables.Bind);

            // Proposals and interactions have no child rows: one prepared upsert per table, a sequence number per row.
            void UpsertRows<T>(KarteRecordKind kind, string table, string[] columns, IReadOnlyList<T> rows, Func<T, string> idOf, Func<string, bool> existed, Action<SqliteParameter[], T> bind)
            {
                if (rows.Count == 0)
                {
                    return;
                }

                using var upsert = new PreparedStatement(connection, KarteTables.Upsert(table, columns, '$'), [.. columns, "seq"]);
                var p = upsert.Parameters;
                foreach (var row in rows)
                {
                    var id = idOf(row);
                    var wasThere = existed(id);
                    bind(p, row);
                    p[^1].Value = ++seq;
                    upsert.Execute();
                    results.Add(new(kind, id, wasThere ? UpsertOutcome.Updated : UpsertOutcome.Created));
                }
            }

            WriteSeq(connection, tx, seq);
            tx.Commit();
            if (bulk)
            {
                // Back to the pooled connection's normal cache, and the bulk pages freed.
                Pragma(connection, SqliteDatabase.CacheSizePragma);
                ReleaseCache(connection);
            }

            return results;
        }
        catch (SqliteException ex)
        {
            throw db.Translate(ex);
        }
        finally
        {
            db.WriteLock.Release();
        }
    }

    /// <summary>Deletes karte records (a rep with its episodes and custom items); deletions appear in the change feed.</summary>
    /// <param name="records">The records to delete; missing ones are ignored.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of records deleted.</returns>
    public async Task<int> DeleteKarteAsync(IReadOnlyList<DeletedRecord> records, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await db.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = db.OpenConnection();
            using var tx = connection.BeginTransaction();
            var seq = ReadSeq(connection, tx);
            var deleted = 0;
            foreach (var record in records)
            {
                var table = Table(record.Kind);
                // The parents, read before the row goes: the tombstone carries them so the sync knows what to recompute.
                using var cmd = Command(connection, tx, $"DELETE FROM {table} WHERE id = $id RETURNING {ParentColumns(record.Kind)}");
                cmd.Parameters.AddWithValue("$id", record.Id);
                string? parentRep, parentCompany;
                using (var r = cmd.ExecuteReader())
                {
                    if (!r.Read())
                    {
                        continue;
                    }

                    parentRep = KarteValues.Text(r, 0);
                    parentCompany = KarteValues.Text(r, 1);
                }

                deleted++;
                using var cleanup = Command(connection, tx, "DELETE FROM custom_items WHERE owner_kind = $kind AND owner_id = $id; DELETE FROM employment_episodes WHERE $kind = 1 AND rep_id = $id; INSERT INTO tombstones (seq, kind, id, rep_id, company_id) VALUES ($seq, $record_kind, $id, $rep, $company)");
                cleanup.Parameters.AddWithValue("$rep", Db(parentRep));
                cleanup.Parameters.AddWithValue("$company", Db(parentCompany));
                cleanup.Parameters.AddWithValue("$kind", record.Kind == KarteRecordKind.Rep ? KarteTables.RepOwner : record.Kind == KarteRecordKind.Company ? KarteTables.CompanyOwner : -1);
                cleanup.Parameters.AddWithValue("$id", record.Id);
                cleanup.Parameters.AddWithValue("$seq", ++seq);
                cleanup.Parameters.AddWithValue("$record_kind", (int)record.Kind);
                cleanup.ExecuteNonQuery();
            }

            WriteSeq(connection, tx, seq);
            tx.Commit();
            return deleted;
        }
        finally
        {
            db.WriteLock.Release();
        }
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<ConnectorOperationResult>> ApplyOperationsAsync(IReadOnlyList<ConnectorOperation> operations, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await db.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = db.OpenConnection();
            using var tx = connection.BeginTransaction();
            var seq = ReadSeq(connection, tx);
            var results = new List<ConnectorOperationResult>(operations.Count);
            foreach (var op in operations)
            {
                using var seen = Command(connection, tx, "SELECT 1 FROM applied_operations WHERE operation_id = $op UNION ALL SELECT 1 FROM tasks WHERE operation_id = $op");
                seen.Parameters.AddWithValue("$op", op.OperationId);
                if (seen.ExecuteScalar() is not null)
                {
                    results.Add(new(op.OperationId, ConnectorOperationStatus.AlreadyApplied));
                    continue;
                }

                var result = Apply(connection, tx, op, ref seq);
                if (result.Status == ConnectorOperationStatus.Applied && op.Kind != ConnectorOperationKind.CreateTask)
                {
                    using var mark = Command(connection, tx, "INSERT INTO applied_operations (operation_id) VALUES ($op)");
                    mark.Parameters.AddWithValue("$op", op.OperationId);
                    mark.ExecuteNonQuery();
                }

                results.Add(result);
            }

            WriteSeq(connection, tx, seq);
            tx.Commit();
            return results;
        }
        finally
        {
            db.WriteLock.Release();
        }
    }

    /// <summary>Counts the tasks regarding a record (created by <see cref="ConnectorOperationKind.CreateTask"/>).</summary>
    /// <param name="recordKind">The kind of record.</param>
    /// <param name="recordId">Its karte id.</param>
    /// <returns>The number of tasks.</returns>
    public int CountTasks(KarteRecordKind recordKind, string recordId)
    {
        using var connection = db.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM tasks WHERE record_kind = $kind AND record_id = $id";
        cmd.Parameters.AddWithValue("$kind", (int)recordKind);
        cmd.Parameters.AddWithValue("$id", recordId);
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public override Task<ConnectorHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = db.OpenConnection();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA quick_check(1)";
            var result = cmd.ExecuteScalar() as string;
            return Task.FromResult(result == "ok" ? ConnectorHealth.Healthy : new ConnectorHealth([$"The store '{db.Path}' failed its integrity check: {result}."]));
        }
        catch (Exception ex) when (ex is SqliteException or SqliteStoreException)
        {
            return Task.FromResult(new ConnectorHealth([ex.Message]));
        }
    }

    private static ConnectorOperationResult Apply(SqliteConnection connection, SqliteTransaction tx, ConnectorOperation op, ref long seq)
    {
        string sql;
        switch (op.Kind)
        {
            case ConnectorOperationKind.ChangeOwner when op.OwnerId is not null:
                sql = op.RecordKind == KarteRecordKind.Interaction
                    ? "UPDATE interactions SET next_owner = $value, seq = $seq WHERE id = $id AND next_what IS NOT NULL"
                    : $"UPDATE {Table(op.RecordKind)} SET owner_id = $value, seq = $seq WHERE id = $id";
                break;
            case ConnectorOperationKind.ReassignRep when op.RepId is not null && op.RecordKind is KarteRecordKind.Proposal or KarteRecordKind.Interaction:
                sql = $"UPDATE {Table(op.RecordKind)} SET rep_id = $value, seq = $seq WHERE id = $id";
                break;
            case ConnectorOperationKind.CloseEmployment when op.Date is not null && op.RepStatus is not null && op.RecordKind == KarteRecordKind.Rep:
                sql = "UPDATE employment_episodes SET to_date = $date WHERE rep_id = $id AND to_date IS NULL; UPDATE reps SET status = $value, seq = $seq WHERE id = $id";
                break;
            case ConnectorOperationKind.CreateTask when op.OwnerId is not null && !string.IsNullOrWhiteSpace(op.Subject):
                sql = "INSERT INTO tasks (operation_id, record_kind, record_id, owner_id, subject, description, due) SELECT $op, $kind, $id, $value, $subject, $description, $date " +
                      $"WHERE EXISTS (SELECT 1 FROM {Table(op.RecordKind)} WHERE id = $id)";
                break;
            default:
                return new(op.OperationId, ConnectorOperationStatus.Failed, "INVALID_OPERATION", $"Operation {op.OperationId}: {op.Kind} on {op.RecordKind} lacks a required field or is not supported.");
        }

        using var cmd = Command(connection, tx, sql);
        cmd.Parameters.AddWithValue("$id", op.RecordId);
        cmd.Parameters.AddWithValue("$op", op.OperationId);
        cmd.Parameters.AddWithValue("$kind", (int)op.RecordKind);
        cmd.Parameters.AddWithValue("$seq", seq + 1);
        cmd.Parameters.AddWithValue("$value", op.Kind switch
        {
            ConnectorOperationKind.ReassignRep => op.RepId!.Value.Value,
            ConnectorOperationKind.CloseEmployment => (object)(int)op.RepStatus!.Value,
            _ => op.OwnerId!.Value.Value,
        });
        cmd.Parameters.AddWithValue("$date", Db(op.Date));
        cmd.Parameters.AddWithValue("$subject", Db(op.Subject));
        cmd.Parameters.AddWithValue("$description", Db(op.Description));
        if (cmd.ExecuteNonQuery() == 0)
        {
            return new(op.OperationId, ConnectorOperationStatus.Failed, "NOT_FOUND", $"Operation {op.OperationId}: no {op.RecordKind} with id '{op.RecordId}'.");
        }

        seq++;
        return new(op.OperationId, ConnectorOperationStatus.Applied);
    }

    /// <summary>The (rep, company) a record of the kind belongs to, as SQL over its own row.</summary>
    private static string ParentColumns(KarteRecordKind kind) => kind switch
    {
        KarteRecordKind.Company => "NULL, NULL",
        KarteRecordKind.Rep => "NULL, company_id",
        KarteRecordKind.Proposal => "rep_id, company_id",
        _ => "rep_id, NULL",
    };

    private static string Table(KarteRecordKind kind) => kind switch
    {
        KarteRecordKind.Company => "companies",
        KarteRecordKind.Rep => "reps",
        KarteRecordKind.Proposal => "proposals",
        _ => "interactions",
    };

    private static void Cut<T>(List<(T Row, long Seq)> rows, int pageSize, ref long cut)
    {
        if (rows.Count >= pageSize)
        {
            cut = Math.Min(cut, rows[^1].Seq);
        }
    }

    private static List<T> Below<T>(List<(T Row, long Seq)> rows, long cut)
    {
        var list = new List<T>(rows.Count);
        foreach (var (row, seq) in rows)
        {
            if (seq <= cut)
            {
                list.Add(row);
            }
        }

        return list;
    }

    private static List<T> ReadRows<T>(SqliteCommand cmd, Func<SqliteDataReader, T> read)
    {
        var list = new List<T>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            try
            {
                list.Add(read(reader));
            }
            catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or System.Text.Json.JsonException)
            {
                throw DamagedRow(cmd, reader, ex);
            }
        }

        return list;
    }

    /// <summary>A row whose stored value cannot be read: names the file, table, record and column, so it can be corrected.</summary>
    private static SqliteStoreException DamagedRow(SqliteCommand cmd, SqliteDataReader reader, Exception ex)
    {
        var path = cmd.Connection?.DataSource ?? string.Empty;
        var table = System.Text.RegularExpressions.Regex.Match(cmd.CommandText, @"\bFROM\s+(\w+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase).Groups[1].Value;
        var id = reader.FieldCount > 0 && !reader.IsDBNull(0) ? Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) : "?";
        return new SqliteStoreException(
            path,
            SqliteStoreProblem.Corrupt,
            $"The PartnerKarte store '{path}' holds a damaged value in table {table}, record {id}: {ex.Message}. Correct or delete that record, or restore the store from a backup.",
            ex);
    }

    private static List<T> Query<T>(SqliteConnection connection, SqliteTransaction tx, string sql, string ids, Func<SqliteDataReader, T> read)
    {
        using var cmd = Command(connection, tx, sql);
        cmd.Parameters.AddWithValue("$ids", ids);
        return ReadRows(cmd, read);
    }

    private static List<PartnerCompany> WithCompanyCustomItems(SqliteConnection connection, SqliteTransaction tx, List<PartnerCompany> companies)
    {
        if (companies.Count == 0)
        {
            return companies;
        }

        var custom = ReadCustomItems(connection, tx, KarteTables.CompanyOwner, companies.Select(c => c.Id.Value));
        return custom.Count == 0 ? companies : [.. companies.Select(c => custom.TryGetValue(c.Id.Value, out var items) ? c with { CustomItems = items } : c)];
    }

    private static List<PartnerRep> WithRepDetails(SqliteConnection connection, SqliteTransaction tx, List<PartnerRep> reps)
    {
        if (reps.Count == 0)
        {
            return reps;
        }

        var ids = JsonSerializer.Serialize(reps.Select(r => r.Id.Value));
        var episodes = new Dictionary<string, List<EmploymentEpisode>>();
        using (var cmd = Command(connection, tx, "SELECT rep_id, company_id, title, department, from_date, to_date FROM employment_episodes WHERE rep_id IN (SELECT value FROM json_each($ids)) ORDER BY rep_id, ordinal"))
        {
            cmd.Parameters.AddWithValue("$ids", ids);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var rep = r.GetString(0);
                if (!episodes.TryGetValue(rep, out var list))
                {
                    episodes[rep] = list = [];
                }

                list.Add(new EmploymentEpisode(new CompanyId(r.GetString(1)), KarteValues.Text(r, 2), KarteValues.Text(r, 3), Date(r, 4) ?? default, Date(r, 5)));
            }
        }

        var custom = ReadCustomItems(connection, tx, KarteTables.RepOwner, reps.Select(r => r.Id.Value));
        return [.. reps.Select(r => r with
        {
            Employment = episodes.TryGetValue(r.Id.Value, out var e) ? e : [],
            CustomItems = custom.TryGetValue(r.Id.Value, out var c) ? c : r.CustomItems,
        })];
    }

    private static Dictionary<string, IReadOnlyDictionary<string, KarteValue>> ReadCustomItems(SqliteConnection connection, SqliteTransaction tx, int ownerKind, IEnumerable<string> ownerIds)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, KarteValue>>();
        using var cmd = Command(connection, tx, "SELECT owner_id, key, type, value FROM custom_items WHERE owner_kind = $kind AND owner_id IN (SELECT value FROM json_each($ids))");
        cmd.Parameters.AddWithValue("$kind", ownerKind);
        cmd.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(ownerIds));
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var owner = r.GetString(0);
            if (!result.TryGetValue(owner, out var items))
            {
                result[owner] = items = new Dictionary<string, KarteValue>();
            }

            ((Dictionary<string, KarteValue>)items)[r.GetString(1)] = KarteTables.ReadCustomValue((KarteItemType)r.GetInt32(2), KarteValues.Text(r, 3));
        }

        return result;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private static long ReadSeq(SqliteConnection connection, SqliteTransaction tx)
    {
        using var cmd = Command(connection, tx, "SELECT value FROM meta WHERE key = 'seq'");
        return long.Parse((string)cmd.ExecuteScalar()!, CultureInfo.InvariantCulture);
    }

    private static void WriteSeq(SqliteConnection connection, SqliteTransaction tx, long seq)
    {
        using var cmd = Command(connection, tx, "UPDATE meta SET value = $seq WHERE key = 'seq'");
        cmd.Parameters.AddWithValue("$seq", seq.ToString(CultureInfo.InvariantCulture));
        cmd.ExecuteNonQuery();
    }

    /// <summary>Prepared existence checks, so an upsert can report created versus updated.</summary>
    private sealed class ExistsCommands : IDisposable
    {
        private readonly PreparedStatement[] commands;

        public ExistsCommands(SqliteConnection connection)
        {
            commands = [.. new[] { "companies", "reps", "proposals", "interactions" }.Select(t => new PreparedStatement(connection, $"SELECT 1 FROM {t} WHERE id = $id", "id"))];
        }

        public bool Company(string id) => Exists(0, id);

        public bool Rep(string id) => Exists(1, id);

        public bool Proposal(string id) => Exists(2, id);

        public bool Interaction(string id) => Exists(3, id);

        public void Dispose()
        {
            foreach (var cmd in commands)
            {
                cmd.Dispose();
            }
        }

        private bool Exists(int i, string id)
        {
            commands[i].Parameters[0].Value = id;
            return commands[i].Execute();
        }
    }
}
