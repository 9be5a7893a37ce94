using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Reads: change feed (change tracking, or modifiedon + id) and selected kartes.</summary>
public sealed partial class DataverseConnector
{
    private const int FilterChunk = 40;

    /// <summary>Dataverse's ExpiredVersionStamp: the change-tracking token is older than the organization keeps changes.</summary>
    internal const string ExpiredVersionStamp = "0x80044352";

    private const string RegardingSuffix = "#regarding";

    /// <summary>The position prefix of a delta link whose query selects whole rows (<see cref="ReadChangesAsync"/>).</summary>
    private const string FullDelta = "ct:";

    /// <summary>The position prefix of a delta link whose query selects ids and lookups only (<see cref="ReadChangeSummaryAsync"/>).</summary>
    private const string IdsDelta = "ids:";

    /// <inheritdoc />
    /// <remarks>
    /// The watermark is a small JSON object with one position per table: a delta link (<c>ct:</c>) on tables with change
    /// tracking, otherwise the last <c>modifiedon</c> and id (<c>mo:</c>), plus each activity's last known regarding contact.
    /// With change tracking, deleted rows come as <see cref="ChangePage.Deletions"/> (under the karte id when this instance has
    /// read the row before, else the Dataverse id); without it Dataverse keeps no trace of a deletion and none is reported.
    /// A delta link that Dataverse no longer accepts (ExpiredVersionStamp, after Organization.ExpireChangeTrackingInDays) is
    /// dropped: that table is read in full in the same run and a <see cref="ChangePage.Notices"/> entry says so. So is the
    /// position of a change summary (<c>ids:</c>, a delta link selecting ids only), which cannot bring whole rows.
    /// </remarks>
    public override async IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var read in ReadChangesCoreAsync(watermark, idsOnly: false, cancellationToken).ConfigureAwait(false))
        {
            var page = await ToPageAsync(read.Table, read.Rows, cancellationToken).ConfigureAwait(false);
            yield return page with { Deletions = read.Deletions, Notices = read.Notices, NextWatermark = read.NextWatermark };
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads ids only: each table's key, external id, <c>modifiedon</c> and the lookups that tie a row to its karte (a contact's
    /// parent account, an opportunity's account and contact, an activity's regarding contact); accounts and contacts are read
    /// with their karte columns and, on an incremental read, handed over in full (<see cref="ChangeSummary.CompanyRecords"/>,
    /// <see cref="ChangeSummary.RepRecords"/>) so the sync recognises the echo of its own enrichment writes. With change tracking where the
    /// table has it, so its own delta link (<c>ids:</c>) serves the next night's summary. The sync then reads each affected karte
    /// in full, so a full run reads each row's contents once. Rows read this way are counted apart, as <c>contacts (ids)</c>.
    /// A contact without a parent account has no company karte to be recomputed with: it is handed over as a rep to locate
    /// (its karte document names its company, if any). An activity that now regards another contact than when it was last
    /// read names both reps, so the one it left is recomputed too. The position of a full read (<c>ct:</c>, from
    /// <see cref="ReadChangesAsync"/> or an earlier version of this connector) is not continued: that table is read in full
    /// (ids only) and a <see cref="ChangeSummary.Notices"/> entry says so.
    /// </remarks>
    public override async IAsyncEnumerable<ChangeSummary> ReadChangeSummaryAsync(string? watermark, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var read in ReadChangesCoreAsync(watermark, idsOnly: true, cancellationToken).ConfigureAwait(false))
        {
            var summary = await SummarizeAsync(read.Table, read.Rows, read.Deletions.Count, withRecords: watermark is not null, cancellationToken).ConfigureAwait(false);
            yield return summary with
            {
                RecordReps = read.FormerReps.Count == 0 ? summary.RecordReps : [.. summary.RecordReps, .. read.FormerReps],
                Deletions = read.Deletions,
                Notices = read.Notices,
                NextWatermark = read.NextWatermark,
            };
        }
    }

    /// <summary>One page of changed rows of one table, with its deletions, the reps moved activities left, notices and the watermark after it.</summary>
    private sealed record ChangedRows(
        string Table, List<JsonObject> Rows, IReadOnlyList<DeletedRecord> Deletions, IReadOnlyList<RepId> FormerReps, IReadOnlyList<string> Notices, string NextWatermark);

    /// <summary>
    /// The columns a change summary needs of a row: ids, the stamp the <c>mo:</c> position keeps, and the lookups to its karte;
    /// for accounts and contacts every karte column, so that the sync can tell the echo of its own enrichment writes (each
    /// moves <c>modifiedon</c>) from a real edit by their contents.
    /// </summary>
    private IReadOnlyList<string> IdColumns(string table) => table switch
    {
        ColumnCatalog.Account or ColumnCatalog.Contact => _mapper.Columns(table),
        ColumnCatalog.Opportunity => ["opportunityid", _options.Mapping.ExternalId, "_parentaccountid_value", "_parentcontactid_value", "modifiedon"],
        _ => ["activityid", _options.Mapping.ExternalId, "_regardingobjectid_value", "modifiedon"],
    };

    private async Task<ChangeSummary> SummarizeAsync(string table, List<JsonObject> rows, int deletions, bool withRecords, CancellationToken cancellationToken)
    {
        // On an incremental read, changed accounts and contacts are handed over in full (the sync compares them with what it last read).
        var records = withRecords && table is ColumnCatalog.Account or ColumnCatalog.Contact && rows.Count > 0
            ? await ToPageAsync(table, rows, cancellationToken).ConfigureAwait(false)
            : null;
        switch (table)
        {
            case ColumnCatalog.Account:
                return new ChangeSummary
                {
                    Companies = [.. rows.Select(r => new CompanyId(_mapper.KarteId(r, table)))],
                    CompanyRecords = records?.Companies ?? [],
                    Count = rows.Count + deletions,
                };
            case ColumnCatalog.Contact:
                await _cache.ResolveAsync(ColumnCatalog.Account, rows.Select(r => KarteRowMapper.Lookup(r, "parentcustomerid", "account")).OfType<Guid>(), cancellationToken).ConfigureAwait(false);
                var reps = rows.Select(r => (Id: new RepId(_mapper.KarteId(r, table)), Account: KarteRowMapper.Lookup(r, "parentcustomerid", "account"))).ToList();
                return new ChangeSummary
                {
                    RepRecords = records?.Reps ?? [],
                    Reps = [.. reps.Where(r => r.Account is not null).Select(r => new ChangedRep(r.Id, new CompanyId(_cache.KarteId(ColumnCatalog.Account, r.Account!.Value))))],
                    RecordReps = [.. reps.Where(r => r.Account is null).Select(r => r.Id)],
                    Count = rows.Count + deletions,
                };
            case ColumnCatalog.Opportunity:
                var accounts = rows.Select(r => KarteRowMapper.Lookup(r, "parentaccountid", null)).OfType<Guid>().ToList();
                var contacts = rows.Select(r => KarteRowMapper.Lookup(r, "parentcontactid", null)).OfType<Guid>().ToList();
                await _cache.ResolveAsync(ColumnCatalog.Account, accounts, cancellationToken).ConfigureAwait(false);
                await _cache.ResolveAsync(ColumnCatalog.Contact, contacts, cancellationToken).ConfigureAwait(false);
                return new ChangeSummary
                {
                    ProposalCompanies = [.. accounts.Select(a => new CompanyId(_cache.KarteId(ColumnCatalog.Account, a)))],
                    RecordReps = [.. contacts.Select(c => new RepId(_cache.KarteId(ColumnCatalog.Contact, c)))],
                    Count = rows.Count + deletions,
                };
            default:
                // The rows ToInteraction takes: activities regarding a contact (a handover task regarding a contact is among them:
                // it names its rep, whose karte is then read and found unchanged).
                var regarding = rows.Select(r => KarteRowMapper.Lookup(r, "regardingobjectid", "contact")).OfType<Guid>().ToList();
                await _cache.ResolveAsync(ColumnCatalog.Contact, regarding, cancellationToken).ConfigureAwait(false);
                return new ChangeSummary
                {
                    RecordReps = [.. regarding.Select(c => new RepId(_cache.KarteId(ColumnCatalog.Contact, c)))],
                    Count = regarding.Count + deletions,
                };
        }
    }

    private async IAsyncEnumerable<ChangedRows> ReadChangesCoreAsync(string? watermark, bool idsOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var state = ParseWatermark(watermark);
        var (own, other) = idsOnly ? (IdsDelta, FullDelta) : (FullDelta, IdsDelta);
        foreach (var table in ColumnCatalog.KeyedTables)
        {
            var tracking = _options.UseChangeTracking && _changeTracking!.GetValueOrDefault(table);
            var key = LookupCache.KeyOf(table);
            var isActivity = ColumnCatalog.ActivityTables.Contains(table);
            var regarding = isActivity ? ParseRegarding(state, table) : null;
            var notices = new List<string>();
            if (tracking && state.TryGetValue(table, out var foreign) && foreign.StartsWith(other, StringComparison.Ordinal))
            {
                // A delta link continues the query it came from: one selecting ids cannot bring whole rows, and one selecting whole
                // rows would read every changed row in full twice. Start this table again from a full read of what this read selects.
                state.Remove(table);
                notices.Add(idsOnly
                    ? $"Table {table} was read in full (ids only): its change-tracking position was written by a full-record read or an earlier PartnerKarte version. "
                        + "Rows deleted there since the last run are not reported as deletions."
                    : $"Table {table} was read in full: its change-tracking position was written by a change summary (ids only), which cannot bring whole rows. "
                        + "Rows deleted there since the last run are not reported as deletions.");
            }

            var fromDelta = tracking && state.TryGetValue(table, out var t0) && t0.StartsWith(own, StringComparison.Ordinal);
            var countAs = idsOnly && table is not (ColumnCatalog.Account or ColumnCatalog.Contact) ? LookupCache.IdsOnly(table) : null;
            var pages = _api.QueryAsync(ChangesUrl(table, tracking, state, idsOnly), "read " + table, tracking, cancellationToken, countAs).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    try
                    {
                        if (!await pages.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                    catch (CrmRequestException e) when (fromDelta && string.Equals(e.ErrorCode, ExpiredVersionStamp, StringComparison.OrdinalIgnoreCase))
                    {
                        // The token is older than the environment keeps changes: start this table again from a full read.
                        await pages.DisposeAsync().ConfigureAwait(false);
                        state.Remove(table);
                        fromDelta = false;
                        notices.Add($"Table {table} was read in full{(idsOnly ? " (ids only)" : string.Empty)}: its change-tracking token had expired (Dataverse {e.ErrorCode}: {e.Message}). "
                            + "Rows deleted there since the last run are not reported as deletions.");
                        pages = _api.QueryAsync(ChangesUrl(table, tracking, state, idsOnly), "read " + table, tracking, cancellationToken, countAs).GetAsyncEnumerator(cancellationToken);
                        continue;
                    }

                    var page = pages.Current;

                    // Change tracking lists deletions as {id, reason}: only the Dataverse id survives, so it is mapped back to the karte
                    // id this connector saw for the row; a row never read by this instance is reported under its Dataverse id.
                    var rows = page.Rows.Where(r => r["reason"] is null).ToList();
                    foreach (var row in rows)
                    {
                        _cache.Remember(table, RowId(row, table), KarteRowMapper.Str(row, _options.Mapping.ExternalId));
                    }

                    var deletedIds = page.Rows.Where(r => r["reason"] is not null && Guid.TryParse(KarteRowMapper.Str(r, "id"), out _))
                        .Select(r => Guid.Parse(KarteRowMapper.Str(r, "id")!)).ToList();
                    var formerContacts = new List<Guid>();
                    var deletedFrom = new Dictionary<Guid, Guid>();
                    if (regarding is not null)
                    {
                        // An activity moved to another contact counts for both: remember where each one was last seen.
                        foreach (var row in rows)
                        {
                            var id = RowId(row, table).ToString("N");
                            var now = KarteRowMapper.Lookup(row, "regardingobjectid", "contact");
                            if (regarding.TryGetValue(id, out var before) && Guid.TryParse(before, out var was) && was != now)
                            {
                                formerContacts.Add(was);
                            }

                            if (now is { } contact)
                            {
                                regarding[id] = contact.ToString("N");
                            }
                            else
                            {
                                regarding.Remove(id);
                            }
                        }

                        foreach (var id in deletedIds)
                        {
                            if (regarding.Remove(id.ToString("N"), out var before) && Guid.TryParse(before, out var was))
                            {
                                deletedFrom[id] = was;
                            }
                        }

                        await _cache.ResolveAsync(ColumnCatalog.Contact, formerContacts.Concat(deletedFrom.Values), cancellationToken).ConfigureAwait(false);
                        state[table + RegardingSuffix] = JsonSerializer.Serialize(regarding);
                    }

                    var deletions = deletedIds
                        .Select(id => new DeletedRecord(KindOf(table), _cache.KarteId(table, id))
                        {
                            RepId = deletedFrom.TryGetValue(id, out var c) ? _cache.KarteId(ColumnCatalog.Contact, c) : null,
                        })
                        .ToList();
                    if (tracking && page.DeltaLink is not null)
                    {
                        state[table] = own + page.DeltaLink;
                    }
                    else if (!tracking && rows.Count > 0)
                    {
                        state[table] = "mo:" + KarteRowMapper.Str(rows[^1], "modifiedon") + "|" + rows[^1][key]!.GetValue<string>();
                    }

                    var formerReps = formerContacts.Distinct().Select(c => new RepId(_cache.KarteId(ColumnCatalog.Contact, c))).ToList();
                    yield return new ChangedRows(table, rows, deletions, formerReps, [.. notices], JsonSerializer.Serialize(state));
                    notices.Clear();
                }
            }
            finally
            {
                await pages.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private string ChangesUrl(string table, bool tracking, Dictionary<string, string> state, bool idsOnly)
    {
        var key = LookupCache.KeyOf(table);
        var select = idsOnly ? IdColumns(table) : _mapper.Columns(table);
        if (tracking)
        {
            var own = idsOnly ? IdsDelta : FullDelta;
            return state.TryGetValue(table, out var t) && t.StartsWith(own, StringComparison.Ordinal)
                ? t[own.Length..]
                : new ODataQuery(LookupCache.SetOf(table)) { Select = select }.ToString();
        }

        string? filter = null;
        if (state.TryGetValue(table, out var m) && m.StartsWith("mo:", StringComparison.Ordinal) && m[3..].Split('|') is [var at, var id]
            && DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since)
            && Guid.TryParse(id, out var lastId))
        {
            var lit = ODataLiteral.DateTime(since);
            filter = $"modifiedon gt {lit} or (modifiedon eq {lit} and {key} gt {ODataLiteral.Guid(lastId)})";
        }

        return new ODataQuery(LookupCache.SetOf(table)) { Select = select, Filter = filter, OrderBy = ["modifiedon asc", key + " asc"] }.ToString();
    }

    private static Dictionary<string, string> ParseRegarding(Dictionary<string, string> state, string table)
    {
        if (state.TryGetValue(table + RegardingSuffix, out var text))
        {
            try
            {
                return JsonSerializer.Deserialize<Dictionary<string, string>>(text) ?? new Dictionary<string, string>(StringComparer.Ordinal);
            }
            catch (JsonException)
            {
                // A damaged map only costs the recompute of a moved activity's former rep; start it afresh.
            }
        }

        return new Dictionary<string, string>(StringComparer.Ordinal);
    }

    private static KarteRecordKind KindOf(string table) => table switch
    {
        ColumnCatalog.Account => KarteRecordKind.Company,
        ColumnCatalog.Contact => KarteRecordKind.Rep,
        ColumnCatalog.Opportunity => KarteRecordKind.Proposal,
        _ => KarteRecordKind.Interaction,
    };

    private static Dictionary<string, string> ParseWatermark(string? watermark)
    {
        if (string.IsNullOrEmpty(watermark))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(watermark) ?? new Dictionary<string, string>(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            throw new DataverseConfigurationException(["The watermark is not one this connector wrote; clear the sync state for a full read."]);
        }
    }

    private async Task<ChangePage> ToPageAsync(string table, IReadOnlyList<JsonObject> rows, CancellationToken cancellationToken)
    {
        var key = LookupCache.KeyOf(table);
        foreach (var row in rows)
        {
            _cache.Remember(table, Guid.Parse(row[key]!.GetValue<string>()), KarteRowMapper.Str(row, _options.Mapping.ExternalId));
        }

        await _cache.ResolveUsersAsync(rows.Select(r => KarteRowMapper.Lookup(r, "ownerid", null)).OfType<Guid>(), cancellationToken).ConfigureAwait(false);
        switch (table)
        {
            case ColumnCatalog.Account:
                return new ChangePage { Companies = [.. rows.Select(r => _mapper.ToCompany(r, _cache))] };
            case ColumnCatalog.Contact:
                await _cache.ResolveAsync("account", rows.Select(r => KarteRowMapper.Lookup(r, "parentcustomerid", "account")).OfType<Guid>(), cancellationToken).ConfigureAwait(false);
                return new ChangePage { Reps = [.. rows.Select(r => _mapper.ToRep(r, _cache)).OfType<PartnerRep>()] };
            case ColumnCatalog.Opportunity:
                await _cache.ResolveAsync("account", rows.Select(r => KarteRowMapper.Lookup(r, "parentaccountid", null)).OfType<Guid>(), cancellationToken).ConfigureAwait(false);
                await _cache.ResolveAsync("contact", rows.Select(r => KarteRowMapper.Lookup(r, "parentcontactid", null)).OfType<Guid>(), cancellationToken).ConfigureAwait(false);
                return new ChangePage { Proposals = [.. rows.Select(r => _mapper.ToProposal(r, _cache)).OfType<Proposal>()] };
            default:
                await _cache.ResolveAsync("contact", rows.Select(r => KarteRowMapper.Lookup(r, "regardingobjectid", "contact")).OfType<Guid>(), cancellationToken).ConfigureAwait(false);
                return new ChangePage { Interactions = [.. rows.Select(r => _mapper.ToInteraction(r, table, _cache)).OfType<Interaction>()] };
        }
    }

    private async Task<List<JsonObject>> QueryAllAsync(string table, string? filter, CancellationToken cancellationToken)
    {
        var rows = new List<JsonObject>();
        if (filter is null)
        {
            return rows;
        }

        var url = new ODataQuery(LookupCache.SetOf(table)) { Select = _mapper.Columns(table), Filter = filter }.ToString();
        await foreach (var page in _api.QueryAsync(url, "read " + table, false, cancellationToken).ConfigureAwait(false))
        {
            rows.AddRange(page.Rows);
        }

        return rows;
    }

    private string? ByKarteIds(string table, IEnumerable<string> ids)
    {
        var list = ids.ToList();
        var byGuid = ODataQuery.AnyOf(LookupCache.KeyOf(table), list.Select(i => Guid.TryParse(i, out var g) ? g : (Guid?)null).OfType<Guid>());
        // A GUID-shaped id may be an external id (migrated from another CRM) or the row id of a row without one: look for both.
        var byExternal = ODataQuery.AnyOf(_options.Mapping.ExternalId, list);
        return byGuid is null ? byExternal : byExternal is null ? byGuid : $"{byExternal} or {byGuid}";
    }

    private static Guid RowId(JsonObject row, string table) => Guid.Parse(row[LookupCache.KeyOf(table)]!.GetValue<string>());

    /// <inheritdoc />
    public override async IAsyncEnumerable<KarteRecordBatch> ReadKarteAsync(KarteSelection selection, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in selection.CompanyIds.Select(c => c.Value).Distinct().Chunk(FilterChunk))
        {
            var accounts = await QueryAllAsync("account", ByKarteIds("account", chunk), cancellationToken).ConfigureAwait(false);
            var companies = await ToPageAsync("account", accounts, cancellationToken).ConfigureAwait(false);
            var accountIds = accounts.Select(a => RowId(a, "account")).ToList();
            if (accountIds.Count == 0)
            {
                continue; // none of these ids exist; an empty filter would read the whole table
            }

            // A selected company comes with its whole karte: its reps, their interactions and the proposals they are on. Related
            // rows are found through lookup traversal (regarding contact → its account), so the URLs stay short however many reps.
            var contacts = await QueryAllAsync("contact", ODataQuery.AnyOf("_parentcustomerid_value", accountIds), cancellationToken).ConfigureAwait(false);
            var reps = (await ToPageAsync("contact", contacts, cancellationToken).ConfigureAwait(false)).Reps;
            var byAccount = ODataQuery.AnyOf("_parentaccountid_value", accountIds);
            var byRepsAccount = ODataQuery.AnyOf("parentcontactid/_parentcustomerid_value", accountIds);
            var opportunities = await QueryAllAsync("opportunity", $"{byAccount} or {byRepsAccount}", cancellationToken).ConfigureAwait(false);
            var proposals = (await ToPageAsync("opportunity", opportunities, cancellationToken).ConfigureAwait(false)).Proposals;
            var interactions = new List<Interaction>();
            foreach (var table in ColumnCatalog.ActivityTables)
            {
                var rows = await QueryAllAsync(table, ODataQuery.AnyOf($"regardingobjectid_contact_{table}/_parentcustomerid_value", accountIds), cancellationToken).ConfigureAwait(false);
                interactions.AddRange((await ToPageAsync(table, rows, cancellationToken).ConfigureAwait(false)).Interactions);
            }

            yield return new KarteRecordBatch
            {
                Companies = companies.Companies,
                Reps = reps,
                Interactions = interactions,
                Proposals = proposals,
            };
        }

        foreach (var chunk in selection.RepIds.Select(r => r.Value).Distinct().Chunk(FilterChunk))
        {
            var contacts = await QueryAllAsync("contact", ByKarteIds("contact", chunk), cancellationToken).ConfigureAwait(false);
            var (reps, interactions, proposals) = await ReadRepContextAsync(contacts, cancellationToken).ConfigureAwait(false);
            yield return new KarteRecordBatch { Reps = reps, Interactions = interactions, Proposals = proposals };
        }
    }

    private async Task<(IReadOnlyList<PartnerRep> Reps, IReadOnlyList<Interaction> Interactions, IReadOnlyList<Proposal> Proposals)> ReadRepContextAsync(
        IReadOnlyList<JsonObject> contacts, CancellationToken cancellationToken)
    {
        var reps = await ToPageAsync("contact", contacts, cancellationToken).ConfigureAwait(false);
        var ids = contacts.Select(c => RowId(c, "contact")).ToList();
        var interactions = new List<Interaction>();
        if (ids.Count == 0)
        {
            return (reps.Reps, interactions, []);
        }

        foreach (var table in ColumnCatalog.ActivityTables)
        {
            var rows = await QueryAllAsync(table, ODataQuery.AnyOf("_regardingobjectid_value", ids), cancellationToken).ConfigureAwait(false);
            interactions.AddRange((await ToPageAsync(table, rows, cancellationToken).ConfigureAwait(false)).Interactions);
        }

        var opportunities = await QueryAllAsync("opportunity", ODataQuery.AnyOf("_parentcontactid_value", ids), cancellationToken).ConfigureAwait(false);
        var proposals = await ToPageAsync("opportunity", opportunities, cancellationToken).ConfigureAwait(false);
        return (reps.Reps, interactions, proposals.Proposals);
    }
}
