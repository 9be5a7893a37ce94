using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PartnerKarte.Emulators.Salesforce;

internal sealed partial class SalesforceApi
{
    private const int DefaultMaxRecords = 50_000;
    private readonly Dictionary<string, BulkJob> _jobs = new(StringComparer.Ordinal);
    private long _jobSequence;

    private sealed class BulkJob
    {
        public required string Id { get; init; }

        public required bool IsQuery { get; init; }

        public required string Operation { get; init; }

        public required string Object { get; init; }

        public string? ExternalIdFieldName { get; init; }

        public string? Query { get; init; }

        public required string ApiVersion { get; init; }

        public required DateTimeOffset CreatedDate { get; init; }

        public string State { get; set; } = "Open";

        public string? Csv { get; set; }

        public int PollsLeft { get; set; }

        public int Processed { get; set; }

        public int Failed { get; set; }

        public string? ErrorMessage { get; set; }

        public StringBuilder Successful { get; } = new();

        public StringBuilder FailedRows { get; } = new();

        public StringBuilder Unprocessed { get; } = new();

        public List<string>? QueryLines { get; set; }

        public string? QueryHeader { get; set; }
    }

    private JsonObject JobInfo(BulkJob job)
    {
        var json = new JsonObject
        {
            ["id"] = job.Id,
            ["operation"] = job.Operation,
            ["object"] = job.Object,
            ["createdById"] = org.UserId,
            ["createdDate"] = SalesforceValues.FormatDateTime(job.CreatedDate),
            ["systemModstamp"] = SalesforceValues.FormatDateTime(job.CreatedDate),
            ["state"] = job.State,
            ["concurrencyMode"] = "Parallel",
            ["contentType"] = "CSV",
            ["apiVersion"] = double.Parse(job.ApiVersion, CultureInfo.InvariantCulture),
            ["lineEnding"] = "LF",
            ["columnDelimiter"] = "COMMA",
        };
        if (job.ExternalIdFieldName is not null)
        {
            json["externalIdFieldName"] = job.ExternalIdFieldName;
        }

        if (!job.IsQuery)
        {
            json["contentUrl"] = $"services/data/v{job.ApiVersion}/jobs/ingest/{job.Id}/batches";
        }

        return json;
    }

    private JsonObject JobStatus(BulkJob job)
    {
        var json = JobInfo(job);
        json["jobType"] = job.IsQuery ? "V2Query" : "V2Ingest";
        json["numberRecordsProcessed"] = job.Processed;
        json["retries"] = 0;
        json["totalProcessingTime"] = 0;
        if (!job.IsQuery)
        {
            json["numberRecordsFailed"] = job.Failed;
            json["apiActiveProcessingTime"] = 0;
            json["apexProcessingTime"] = 0;
        }

        if (job.ErrorMessage is not null)
        {
            json["errorMessage"] = job.ErrorMessage;
        }

        return json;
    }

    private EmulatorResponse Ingest(EmulatorRequest r, string version)
    {
        var s = r.Segments;
        if (s.Count == 2 && r.Method == "POST")
        {
            var json = ParseObject(r.Body);
            var typeName = json["object"]?.GetValue<string>() ?? string.Empty;
            var operation = json["operation"]?.GetValue<string>() ?? string.Empty;
            var type = SalesforceSchema.Find(typeName);
            if (type is null)
            {
                return Kind(EmulatorResponse.Error(400, "INVALIDENTITY", $"Entity '{typeName}' is not supported by the Bulk API."), SalesforceApiCallKind.BulkIngest);
            }

            if (operation is not ("insert" or "update" or "upsert" or "delete" or "hardDelete"))
            {
                return Kind(EmulatorResponse.Error(400, "INVALIDJOB", $"InvalidJob : Invalid operation: {operation}"), SalesforceApiCallKind.BulkIngest);
            }

            var external = json["externalIdFieldName"]?.GetValue<string>();
            if (operation == "upsert" && (external is null || type.Field(external) is not { } f || !(f.ExternalId || f.Name == "Id")))
            {
                return Kind(EmulatorResponse.Error(400, "INVALIDJOB", $"InvalidJob : External ID field '{external}' is not valid for {type.Name}"), SalesforceApiCallKind.BulkIngest);
            }

            var job = new BulkJob
            {
                Id = SalesforceIds.Create("750", ++_jobSequence),
                IsQuery = false,
                Operation = operation,
                Object = type.Name,
                ExternalIdFieldName = external is null ? null : type.Field(external)!.Name,
                ApiVersion = version,
                CreatedDate = org.Now(),
            };
            _jobs[job.Id] = job;
            return Kind(EmulatorResponse.Ok(JobInfo(job)), SalesforceApiCallKind.BulkIngest);
        }

        if (s.Count == 2 && r.Method == "GET")
        {
            var records = new JsonArray(_jobs.Values.Where(j => !j.IsQuery).Select(j => (JsonNode?)JobInfo(j)).ToArray());
            return Kind(EmulatorResponse.Ok(new JsonObject { ["done"] = true, ["records"] = records, ["nextRecordsUrl"] = null }), SalesforceApiCallKind.BulkPoll);
        }

        if (!_jobs.TryGetValue(s[2], out var found) || found.IsQuery)
        {
            return Kind(EmulatorResponse.Error(404, "NOT_FOUND", "The requested resource does not exist"), SalesforceApiCallKind.BulkIngest);
        }

        var j1 = found;
        switch (s.Count, r.Method)
        {
            case (3, "GET"):
                if (j1.State == "InProgress" && --j1.PollsLeft <= 0)
                {
                    j1.State = j1.ErrorMessage is null ? "JobComplete" : "Failed";
                }

                return Kind(EmulatorResponse.Ok(JobStatus(j1)), SalesforceApiCallKind.BulkPoll);
            case (3, "PATCH"):
                var state = ParseObject(r.Body)["state"]?.GetValue<string>();
                if (state == "Aborted" && j1.State is "Open" or "UploadComplete" or "InProgress")
                {
                    j1.State = "Aborted";
                }
                else if (state == "UploadComplete" && j1.State == "Open")
                {
                    Process(j1);
                    j1.State = faults.BulkPollsInProgress > 0 ? "InProgress" : (j1.ErrorMessage is null ? "JobComplete" : "Failed");
                    j1.PollsLeft = faults.BulkPollsInProgress;
                    var info = JobInfo(j1);
                    info["state"] = "UploadComplete";
                    return Kind(EmulatorResponse.Ok(info), SalesforceApiCallKind.BulkIngest);
                }
                else
                {
                    return Kind(EmulatorResponse.Error(400, "INVALIDJOBSTATE", $"Invalid state transition from {j1.State} to {state}"), SalesforceApiCallKind.BulkIngest);
                }

                return Kind(EmulatorResponse.Ok(JobInfo(j1)), SalesforceApiCallKind.BulkIngest);
            case (3, "DELETE"):
                if (j1.State is "Open" or "InProgress")
                {
                    return Kind(EmulatorResponse.Error(400, "API_ERROR", "Job is not terminated"), SalesforceApiCallKind.BulkIngest);
                }

                _jobs.Remove(j1.Id);
                return Kind(EmulatorResponse.NoContent(), SalesforceApiCallKind.BulkIngest);
            case (4, "PUT") when s[3] == "batches":
                if (j1.State != "Open" || j1.Csv is not null)
                {
                    return Kind(EmulatorResponse.Error(400, "INVALIDJOBSTATE", "Data can only be uploaded to a job once, while it is Open"), SalesforceApiCallKind.BulkIngest);
                }

                j1.Csv = r.Body;
                return Kind(new EmulatorResponse { Status = 201 }, SalesforceApiCallKind.BulkIngest);
            case (4, "GET") when s[3] is "successfulResults" or "failedResults" or "unprocessedrecords":
                if (j1.State is not ("JobComplete" or "Failed" or "Aborted"))
                {
                    return Kind(EmulatorResponse.Error(400, "INVALIDJOBSTATE", "Results are available once the job is complete"), SalesforceApiCallKind.BulkIngest);
                }

                var text = s[3] switch
                {
                    "successfulResults" => j1.Successful.ToString(),
                    "failedResults" => j1.FailedRows.ToString(),
                    _ => j1.Unprocessed.ToString(),
                };
                return Kind(EmulatorResponse.Csv(text), SalesforceApiCallKind.BulkIngest);
            default:
                return Kind(EmulatorResponse.Error(404, "NOT_FOUND", "The requested resource does not exist"), SalesforceApiCallKind.BulkIngest);
        }
    }

    private void Process(BulkJob job)
    {
        var rows = Csv.Parse(job.Csv ?? string.Empty);
        if (rows.Count == 0)
        {
            job.ErrorMessage = "InvalidBatch : Failed to parse CSV. Found no data.";
            return;
        }

        var header = rows[0];
        var type = SalesforceSchema.Find(job.Object)!;
        var quotedHeader = header.Select(h => h).ToList();
        job.Successful.Append(Csv.Line(new[] { "sf__Id", "sf__Created" }.Concat(quotedHeader), quoteAll: true));
        job.FailedRows.Append(Csv.Line(new[] { "sf__Id", "sf__Error" }.Concat(quotedHeader), quoteAll: true));
        job.Unprocessed.Append(Csv.Line(quotedHeader, quoteAll: true));
        var unknown = header.FirstOrDefault(h => !h.Contains('.', StringComparison.Ordinal) && type.Field(h) is null);
        if (unknown is not null)
        {
            job.ErrorMessage = $"InvalidBatch : Field name not found : {unknown}";
            foreach (var row in rows.Skip(1))
            {
                job.Unprocessed.Append(Csv.Line(row, quoteAll: true));
            }

            return;
        }

        foreach (var row in rows.Skip(1))
        {
            var body = new JsonObject();
            string? id = null;
            for (var c = 0; c < header.Length && c < row.Length; c++)
            {
                if (header[c].Equals("Id", StringComparison.OrdinalIgnoreCase))
                {
                    id = row[c].Length == 0 ? null : row[c];
                    continue;
                }

                if (row[c].Length == 0)
                {
                    continue; // empty = leave unchanged
                }

                body[type.Field(header[c])?.Name ?? header[c]] = row[c] == "#N/A" ? null : JsonValue.Create(row[c]);
            }

            SaveOutcome outcome;
            var injected = InjectedRecordError(type.Name, body);
            if (injected is not null)
            {
                outcome = SaveOutcome.Fail(injected, id);
            }
            else
            {
                outcome = job.Operation switch
                {
                    "insert" => org.Create(type.Name, body),
                    "update" => id is null ? SaveOutcome.Fail(new SalesforceError("MISSING_ARGUMENT", "Id not specified in an update call", ["Id"])) : org.Update(type.Name, id, body),
                    "delete" or "hardDelete" => id is null ? SaveOutcome.Fail(new SalesforceError("MISSING_ARGUMENT", "Id not specified in a delete call", ["Id"])) : org.Delete(id, type.Name),
                    _ => Upsert(type, job.ExternalIdFieldName!, id, body),
                };
            }

            job.Processed++;
            if (outcome.Success)
            {
                job.Successful.Append(Csv.Line(new[] { outcome.Id, outcome.Created ? "true" : "false" }.Concat(row), quoteAll: true));
            }
            else
            {
                job.Failed++;
                var e = outcome.Errors[0];
                job.FailedRows.Append(Csv.Line(new[] { outcome.Id ?? string.Empty, $"{e.StatusCode}:{e.Message}:{string.Join(',', e.Fields)} --" }.Concat(row), quoteAll: true));
            }
        }
    }

    private SaveOutcome Upsert(SalesforceObjectType type, string field, string? id, JsonObject body)
    {
        var (outcome, matches) = org.Upsert(type.Name, field, field == "Id" ? id : null, body);
        return matches.Count > 1
            ? SaveOutcome.Fail(new SalesforceError("DUPLICATE_EXTERNAL_ID", $"Duplicate external id found: {field}", [field]))
            : outcome;
    }

    private EmulatorResponse BulkQuery(EmulatorRequest r, string version)
    {
        var s = r.Segments;
        if (s.Count == 2 && r.Method == "POST")
        {
            var json = ParseObject(r.Body);
            var soql = json["query"]?.GetValue<string>() ?? string.Empty;
            var operation = json["operation"]?.GetValue<string>() ?? "query";
            var query = SoqlQuery.Parse(soql);
            if (query.IsCount)
            {
                return Kind(EmulatorResponse.Error(400, "INVALIDJOB", "InvalidJob : Aggregate queries are not supported by Bulk API 2.0"), SalesforceApiCallKind.BulkQuery);
            }

            var engine = new SoqlEngine(org, version);
            var result = engine.Execute(query, operation == "queryAll");
            var job = new BulkJob
            {
                Id = SalesforceIds.Create("750", ++_jobSequence),
                IsQuery = true,
                Operation = operation,
                Object = result.Type.Name,
                Query = soql,
                ApiVersion = version,
                CreatedDate = org.Now(),
                State = faults.BulkPollsInProgress > 0 ? "InProgress" : "UploadComplete",
                PollsLeft = Math.Max(1, faults.BulkPollsInProgress),
                QueryHeader = Csv.Line(query.SelectPaths.Select(p => p.ToString()), quoteAll: true),
                QueryLines = result.Rows.Select(row => Csv.Line(query.SelectPaths.Select(p => SalesforceValues.ToCsv(engine.Resolve(result.Type, row, p))), quoteAll: true)).ToList(),
            };
            job.Processed = job.QueryLines.Count;
            _jobs[job.Id] = job;
            return Kind(EmulatorResponse.Ok(JobInfo(job)), SalesforceApiCallKind.BulkQuery);
        }

        if (s.Count < 3 || !_jobs.TryGetValue(s[2], out var found) || !found.IsQuery)
        {
            return Kind(EmulatorResponse.Error(404, "NOT_FOUND", "The requested resource does not exist"), SalesforceApiCallKind.BulkQuery);
        }

        switch (s.Count, r.Method)
        {
            case (3, "GET"):
                if (found.State is "UploadComplete" or "InProgress" && --found.PollsLeft <= 0)
                {
                    found.State = "JobComplete";
                }

                return Kind(EmulatorResponse.Ok(JobStatus(found)), SalesforceApiCallKind.BulkPoll);
            case (3, "PATCH"):
                found.State = "Aborted";
                return Kind(EmulatorResponse.Ok(JobInfo(found)), SalesforceApiCallKind.BulkQuery);
            case (3, "DELETE"):
                _jobs.Remove(found.Id);
                return Kind(EmulatorResponse.NoContent(), SalesforceApiCallKind.BulkQuery);
            case (4, "GET") when s[3] == "results":
                if (found.State != "JobComplete")
                {
                    return Kind(EmulatorResponse.Error(400, "INVALIDJOBSTATE", "Results are available once the job is complete"), SalesforceApiCallKind.BulkQuery);
                }

                var offset = r.Query.TryGetValue("locator", out var loc) && int.TryParse(loc, NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
                var max = r.Query.TryGetValue("maxRecords", out var m) && int.TryParse(m, out var mr) && mr > 0 ? mr : DefaultMaxRecords;
                var lines = found.QueryLines!.Skip(offset).Take(max).ToList();
                var next = offset + lines.Count;
                var response = EmulatorResponse.Csv(found.QueryHeader + string.Concat(lines));
                response.Headers["Sforce-NumberOfRecords"] = lines.Count.ToString(CultureInfo.InvariantCulture);
                response.Headers["Sforce-Locator"] = next < found.QueryLines!.Count ? next.ToString(CultureInfo.InvariantCulture) : "null";
                return Kind(response, SalesforceApiCallKind.BulkQuery);
            default:
                return Kind(EmulatorResponse.Error(404, "NOT_FOUND", "The requested resource does not exist"), SalesforceApiCallKind.BulkQuery);
        }
    }
}
