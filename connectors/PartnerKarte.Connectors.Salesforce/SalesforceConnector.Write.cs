using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce;

public sealed partial class SalesforceConnector
{
    /// <inheritdoc />
    public override async Task<IReadOnlyList<EnrichmentWriteResult>> WriteEnrichmentAsync(IReadOnlyList<EnrichmentRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await ValidateMappingAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<EnrichmentWriteResult>(records.Count);
        try
        {
            var valid = new List<EnrichmentRecord>();
            foreach (var record in records)
            {
                var problems = record.Validate();
                if (problems.Count > 0)
                {
                    results.Add(EnrichmentWriteResult.Failure(record.Key, "INVALID_VALUE", string.Join("; ", problems.Select(p => p.ToString()))));
                }
                else
                {
                    valid.Add(record);
                }
            }

            foreach (var group in valid.GroupBy(r => r.Target))
            {
                var obj = group.Key == EnrichmentTarget.Rep ? "Contact" : "Account";
                var list = group.ToList();
                await ResolveAsync(obj, list.Select(r => r.Id).ToList(), cancellationToken).ConfigureAwait(false);
                var targets = new List<(EnrichmentRecord Record, string SfId)>();
                foreach (var record in list)
                {
                    if (_sfIds.TryGetValue((obj, record.Id), out var sfId))
                    {
                        targets.Add((record, sfId));
                    }
                    else
                    {
                        results.Add(EnrichmentWriteResult.Failure(record.Key, "NOT_FOUND", $"No {obj} with {Ext} = the karte id {record.Key} exists in Salesforce."));
                    }
                }

                if (targets.Count >= _options.BulkThreshold)
                {
                    await WriteBulkAsync(obj, targets, results, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await WriteCollectionsAsync(obj, targets, results, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (SalesforceLimitExceededException e) when (results.Any(r => r.Succeeded))
        {
            // Salesforce accepted part of this call: return it so the sync checkpoints it (the next run must not send it
            // again); the rest fail as transient and wait in the ledger. The client refuses every further call.
            var answered = results.Select(r => r.Key).ToHashSet();
            foreach (var record in records.Where(r => !answered.Contains(r.Key)))
            {
                results.Add(EnrichmentWriteResult.Failure(record.Key, e.ErrorCode ?? "REQUEST_LIMIT_EXCEEDED", e.Message, isTransient: true));
            }

            _logger.LogWarning("Salesforce API limit reached inside a write call: {Accepted} records accepted and returned for checkpointing, {Pending} left for the next run.", results.Count(r => r.Succeeded), results.Count(r => !r.Succeeded));
            return results;
        }
        catch (SalesforceLimitExceededException e)
        {
            // Stop cleanly: hand back what was committed so the caller can checkpoint it.
            throw new SalesforceLimitExceededException(e.Message, e.IsBudgetGuard, e.ApiUsed, e.ApiLimit) { CompletedResults = results };
        }

        return results;
    }

    /// <summary>Finds the Salesforce Ids of karte ids not seen by a read yet, 200 per query.</summary>
    private async Task ResolveAsync(string obj, IReadOnlyList<string> karteIds, CancellationToken cancellationToken)
    {
        var unknown = karteIds.Where(id => !_sfIds.ContainsKey((obj, id))).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in unknown.Chunk(InListSize))
        {
            var soql = $"SELECT Id, {Soql.Name(Ext)} FROM {obj} WHERE {ByKarteId(obj, chunk)}";
            await foreach (var page in _client.QueryPagesAsync(soql, includeDeleted: false, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in page.OfType<JsonObject>())
                {
                    KarteId(obj, row);
                    _sfIds[(obj, Str(row, "Id")!)] = Str(row, "Id")!; // a karte id may also be the Salesforce Id itself
                }
            }
        }
    }

    private IReadOnlyList<(string Field, object? Value)> Values(EnrichmentRecord r)
    {
        var f = _options.Fields;
        IEnumerable<(string, object?)> values = r.Target == EnrichmentTarget.Rep
            ?
            [
                (f.TrustScore, r.TrustScore),
                (f.TrustRank, r.TrustRank?.ToString()),
                (f.TrustConfidence, r.TrustConfidence is double c ? Math.Round(c * 100, 2) : null), // a percent field holds 0..100
                (f.TrustTrend, r.TrustTrend),
                (f.LastContactDate, r.LastContactDate),
                (f.FollowUpPriority, r.FollowUpPriority?.ToString()),
                (f.TrustReasons, r.TrustReasons),
            ]
            :
            [
                (f.DealCount, r.DealCount),
                (f.WonCount, r.WonCount),
                (f.WinRate, r.WinRatePercent),
                (f.Revenue, r.Revenue),
                (f.GrossProfit, r.GrossProfit),
                (f.KarteCompleteness, r.KarteCompletenessPercent),
                (f.ContractAlert, r.ContractAlert),
            ];
        return values.Where(v => v.Item1.Length > 0).ToList();
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        double d => JsonValue.Create(d),
        decimal d => JsonValue.Create(d),
        int i => JsonValue.Create(i),
        string s => JsonValue.Create(s),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static string ToCsv(object? value) => value switch
    {
        null => "#N/A", // Bulk API: #N/A sets null, an empty cell would leave the old value
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private async Task WriteCollectionsAsync(string obj, List<(EnrichmentRecord Record, string SfId)> targets, List<EnrichmentWriteResult> results, CancellationToken cancellationToken)
    {
        var pending = targets;
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            var retry = new List<(EnrichmentRecord Record, string SfId)>();
            foreach (var chunk in pending.Chunk(CollectionSize))
            {
                var array = new JsonArray();
                foreach (var (record, sfId) in chunk)
                {
                    var json = new JsonObject { ["attributes"] = new JsonObject { ["type"] = obj }, ["id"] = sfId };
                    foreach (var (field, value) in Values(record))
                    {
                        json[field] = ToJson(value);
                    }

                    array.Add(json);
                }

                var body = new JsonObject { ["allOrNone"] = false, ["records"] = array }.ToJsonString();
                var response = await _client.SendOkAsync(HttpMethod.Patch, "composite/sobjects", body, cancellationToken: cancellationToken).ConfigureAwait(false);
                var outcomes = response.Json() as JsonArray ?? [];
                for (var i = 0; i < chunk.Length; i++)
                {
                    var outcome = i < outcomes.Count ? outcomes[i] as JsonObject : null;
                    var key = chunk[i].Record.Key;
                    if (outcome?["success"]?.GetValue<bool>() == true)
                    {
                        results.Add(EnrichmentWriteResult.Success(key));
                        continue;
                    }

                    var error = (outcome?["errors"] as JsonArray)?.FirstOrDefault() as JsonObject;
                    var code = error?["statusCode"]?.GetValue<string>() ?? "UNKNOWN";
                    var transient = code is "UNABLE_TO_LOCK_ROW" or "UNKNOWN_EXCEPTION" or "SERVER_UNAVAILABLE";
                    if (transient && attempt < _options.MaxRetries)
                    {
                        retry.Add(chunk[i]);
                    }
                    else
                    {
                        results.Add(EnrichmentWriteResult.Failure(key, code, error?["message"]?.GetValue<string>() ?? "no result for the record", transient));
                    }
                }
            }

            if (retry.Count > 0)
            {
                _logger.LogWarning("{Count} {Object} records hit transient per-record errors; retrying them (attempt {Attempt}).", retry.Count, obj, attempt + 1);
                await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
            }

            pending = retry;
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var baseMs = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt);
        return TimeSpan.FromMilliseconds(Math.Min(baseMs * (0.5 + (Random.Shared.NextDouble() / 2)), 60_000));
    }

    private async Task WriteBulkAsync(string obj, List<(EnrichmentRecord Record, string SfId)> targets, List<EnrichmentWriteResult> results, CancellationToken cancellationToken)
    {
        var fields = Values(targets[0].Record).Select(v => v.Field).ToList();
        var csv = new StringBuilder();
        csv.Append("Id,").Append(string.Join(',', fields)).Append('\n');
        var byId = new Dictionary<string, EnrichmentRecord>(StringComparer.Ordinal);
        foreach (var (record, sfId) in targets)
        {
            byId[sfId] = record;
            csv.Append(sfId);
            foreach (var (_, value) in Values(record))
            {
                csv.Append(',').Append(CsvCell(ToCsv(value)));
            }

            csv.Append('\n');
        }

        var create = new JsonObject { ["object"] = obj, ["operation"] = "update", ["contentType"] = "CSV", ["lineEnding"] = "LF", ["columnDelimiter"] = "COMMA" };
        var job = (await _client.SendOkAsync(HttpMethod.Post, "jobs/ingest", create.ToJsonString(), cancellationToken: cancellationToken).ConfigureAwait(false)).Json()!;
        var jobId = job["id"]!.GetValue<string>();
        _logger.LogInformation("Bulk API 2.0 job {JobId}: updating {Count} {Object} records.", jobId, targets.Count, obj);
        await _client.SendOkAsync(HttpMethod.Put, $"jobs/ingest/{jobId}/batches", csv.ToString(), "text/csv", cancellationToken: cancellationToken).ConfigureAwait(false);
        await _client.SendOkAsync(HttpMethod.Patch, $"jobs/ingest/{jobId}", "{\"state\":\"UploadComplete\"}", cancellationToken: cancellationToken).ConfigureAwait(false);
        var started = _time.GetTimestamp();
        string state;
        while (true)
        {
            var status = (await _client.SendOkAsync(HttpMethod.Get, $"jobs/ingest/{jobId}", cancellationToken: cancellationToken).ConfigureAwait(false)).Json()!;
            state = status["state"]!.GetValue<string>();
            if (state is "JobComplete" or "Failed" or "Aborted")
            {
                if (state != "JobComplete")
                {
                    _logger.LogWarning("Bulk API 2.0 job {JobId} ended {State}: {Error}", jobId, state, status["errorMessage"]?.GetValue<string>());
                }

                break;
            }

            if (_time.GetElapsedTime(started) > _options.BulkTimeout)
            {
                throw SalesforceFailure.Create($"Bulk API 2.0 job {jobId} did not finish within {_options.BulkTimeout}.", 0, "BULK_TIMEOUT", "jobs/ingest");
            }

            await Task.Delay(_options.BulkPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }

        var retry = new List<(EnrichmentRecord Record, string SfId)>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var ok = await _client.SendOkAsync(HttpMethod.Get, $"jobs/ingest/{jobId}/successfulResults", headers: new Dictionary<string, string> { ["Accept"] = "text/csv" }, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var row in ParseCsv(ok.Body).Skip(1))
        {
            var id = Normalize(row[0]);
            if (byId.TryGetValue(id, out var record) && done.Add(id))
            {
                results.Add(EnrichmentWriteResult.Success(record.Key));
            }
        }

        var failed = await _client.SendOkAsync(HttpMethod.Get, $"jobs/ingest/{jobId}/failedResults", headers: new Dictionary<string, string> { ["Accept"] = "text/csv" }, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var row in ParseCsv(failed.Body).Skip(1))
        {
            var id = Normalize(row.Length > 2 ? row[2] : row[0]);
            if (id.Length == 0)
            {
                id = Normalize(row[0]);
            }

            if (!byId.TryGetValue(id, out var record) || !done.Add(id))
            {
                continue;
            }

            var error = row.Length > 1 ? row[1] : string.Empty;
            var code = error.Split(':')[0];
            if (code is "UNABLE_TO_LOCK_ROW" or "UNKNOWN_EXCEPTION")
            {
                retry.Add((record, id));
            }
            else
            {
                results.Add(EnrichmentWriteResult.Failure(record.Key, code, error));
            }
        }

        // Rows neither succeeded nor failed (job failed or aborted) and lock errors go through collections.
        retry.AddRange(targets.Where(t => !done.Contains(t.SfId)));
        if (retry.Count > 0)
        {
            await WriteCollectionsAsync(obj, retry, results, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Normalize(string id) => id.Length == 15 ? id : id.Length == 18 ? id : id.Trim();

    private static string CsvCell(string value) =>
        value.AsSpan().IndexOfAny("\",\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                row.Add(cell.ToString().TrimEnd('\r'));
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }
}
