using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>
/// The karte on Salesforce: Account = partner company, Contact = partner rep, Opportunity (+ primary
/// OpportunityContactRole) = proposal, Task = interaction. Enrichment goes to the <see cref="SalesforceEnrichmentFields"/>
/// through sObject Collections (200 records per call) or, from <see cref="SalesforceOptions.BulkThreshold"/>
/// records, one Bulk API 2.0 job per object. Karte ids are the <c>PK_ExternalId__c</c> values (the Salesforce Id when empty).
/// </summary>
public sealed partial class SalesforceConnector : KarteConnector
{
    private const int CollectionSize = 200;
    private const int InListSize = 200;
    private static readonly string[] Objects = ["Account", "Contact", "Opportunity", "Task", "Event"];

    private readonly SalesforceClient _client;
    private readonly SalesforceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _readyLock = new(1, 1);

    // Salesforce Id <-> karte id, learnt from every read: lets writes go by Id without extra lookups.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Object, string KarteId), string> _sfIds = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _karteIds = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> _userFederation = new(StringComparer.Ordinal);
    private Dictionary<string, HashSet<string>>? _fields;

    /// <summary>Task Id → the EmailMessage logged as that task (direction, send time, and the time of the message it answers).</summary>
    private readonly Dictionary<string, EmailFacts> _emails = new(StringComparer.Ordinal);
    private Dictionary<(string Object, string Field), int>? _lengths;

    /// <summary>Creates the connector.</summary>
    /// <param name="httpClient">The HTTP client; the connector runs its resilience pipeline (<see cref="SalesforceResilience"/>) around it.</param>
    /// <param name="options">The options; validated here.</param>
    /// <param name="timeProvider">Clock for backoff and JWT expiry (system clock when omitted).</param>
    /// <param name="logger">Logger; never receives tokens, secrets or record data.</param>
    /// <exception cref="PartnerKarteException">The options are invalid; the message names each option.</exception>
    public SalesforceConnector(HttpClient httpClient, SalesforceOptions options, TimeProvider? timeProvider = null, ILogger<SalesforceConnector>? logger = null)
        : this(httpClient, options, timeProvider, logger, pipelineIncluded: false)
    {
    }

    /// <summary>Creates the connector over an HttpClient that may already run the Salesforce pipeline (the one <c>AddSalesforce</c> registers).</summary>
    internal SalesforceConnector(HttpClient httpClient, SalesforceOptions options, TimeProvider? timeProvider, ILogger<SalesforceConnector>? logger, bool pipelineIncluded)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new PartnerKarteException("Invalid Salesforce connector options: " + string.Join(" ", problems));
        }

        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _client = new SalesforceClient(
            pipelineIncluded ? httpClient : SalesforceClient.WithPipeline(httpClient, options, _time, _logger),
            options,
            _time,
            _logger,
            Usage);
        Capabilities = new ConnectorCapabilities
        {
            // Twice the bulk threshold: a bulk-sized group of Contacts still arrives in one call next to its Accounts.
            MaxBatchSize = Math.Max(CollectionSize, options.BulkThreshold * 2),
            MaxParallelism = 1,
            SupportsDelta = true,
            SupportsBulk = true,
            SupportsDeletions = true,
            SupportsKarteUpsert = true,
            SupportsOperations = true,
            ChangeFeedEchoesWrites = true,
        };
    }

    /// <inheritdoc />
    public override string Name => "salesforce";

    /// <inheritdoc />
    public override string StateKey => "salesforce:" + (_options.InstanceUrl ?? _options.LoginUrl)!.Host;

    /// <inheritdoc />
    public override ConnectorCapabilities Capabilities { get; }

    /// <summary>API calls used in the org's 24-hour window, from the last Sforce-Limit-Info header seen.</summary>
    public int? ApiUsed => _client.ApiUsed;

    /// <summary>The org's daily API allocation, from the last Sforce-Limit-Info header seen.</summary>
    public int? ApiLimit => _client.ApiLimit;

    private string Ext => _options.Fields.ExternalId;

    /// <summary>
    /// Describes the mapped objects and checks every mapped field: enrichment fields must exist and be updateable,
    /// the external id must exist on Account and Contact. Runs once; later calls return at once.
    /// </summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="SalesforceMappingException">One message listing every object and field at fault.</exception>
    public async Task ValidateMappingAsync(CancellationToken cancellationToken = default)
    {
        if (_fields is not null)
        {
            return;
        }

        await _readyLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_fields is not null)
            {
                return;
            }

            var fields = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var updateable = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var lengths = new Dictionary<(string Object, string Field), int>();
            foreach (var name in Objects.Append("OpportunityContactRole").Append("EmailMessage"))
            {
                var response = await _client.SendAsync(HttpMethod.Get, $"sobjects/{name}/describe", cancellationToken: cancellationToken).ConfigureAwait(false);
                if (response.Status == 404 && name is "OpportunityContactRole" or "EmailMessage")
                {
                    continue; // only karte upserts need OpportunityContactRole; EmailMessage is read where present
                }

                if (!response.IsSuccess)
                {
                    response = await _client.SendOkAsync(HttpMethod.Get, $"sobjects/{name}/describe", cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                var described = response.Json()?["fields"] as JsonArray ?? [];
                foreach (var f in described.OfType<JsonObject>())
                {
                    if (f["length"]?.GetValue<int>() is int length && length > 0 && f["type"]?.GetValue<string>() is "string" or "textarea" or "email" or "phone" or "url" or "picklist")
                    {
                        lengths[(name, f["name"]!.GetValue<string>())] = length;
                    }
                }

                fields[name] = new HashSet<string>(described.Select(f => f!["name"]!.GetValue<string>()), StringComparer.OrdinalIgnoreCase);
                updateable[name] = new HashSet<string>(
                    described.Where(f => f!["updateable"]?.GetValue<bool>() == true).Select(f => f!["name"]!.GetValue<string>()),
                    StringComparer.OrdinalIgnoreCase);
            }

            var problems = new List<string>();
            void Check(string obj, IEnumerable<string> names, bool mustUpdate)
            {
                foreach (var field in names)
                {
                    if (!fields[obj].Contains(field))
                    {
                        problems.Add($"{obj}.{field}: missing");
                    }
                    else if (mustUpdate && !updateable[obj].Contains(field))
                    {
                        problems.Add($"{obj}.{field}: read-only (not updateable for the integration user)");
                    }
                }
            }

            Check("Contact", _options.Fields.ContactFields, mustUpdate: true);
            Check("Account", _options.Fields.AccountFields, mustUpdate: true);
            Check("Contact", [Ext], mustUpdate: false);
            Check("Account", [Ext], mustUpdate: false);
            if (problems.Count > 0)
            {
                throw new SalesforceMappingException(problems);
            }

            _lengths = lengths;
            _fields = fields;
        }
        finally
        {
            _readyLock.Release();
        }
    }

    /// <inheritdoc />
    public override async Task<ConnectorHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await ValidateMappingAsync(cancellationToken).ConfigureAwait(false);
            await _client.SendOkAsync(HttpMethod.Get, "limits", cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ConnectorHealth(await ProbeQueriesAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (SalesforceMappingException e)
        {
            return new ConnectorHealth(e.Problems);
        }
        catch (CrmRequestException e)
        {
            return new ConnectorHealth([e.Message]);
        }
    }

    /// <summary>
    /// Runs every query shape the sync runs, with its exact select list and <c>LIMIT 1</c>: describe alone does not show
    /// what SOQL rejects (a field-level-security-hidden field behind a relationship, a polymorphic path).
    /// </summary>
    private async Task<List<string>> ProbeQueriesAsync(CancellationToken cancellationToken)
    {
        var probes = Objects.Where(o => _fields!.ContainsKey(o))
            .Select(o => (Soql: $"SELECT {SelectList(o)} FROM {o} ORDER BY SystemModstamp, Id LIMIT 1", All: true))
            .Append(($"SELECT OpportunityId, ContactId, Contact.{Soql.Name(Ext)} FROM OpportunityContactRole WHERE IsPrimary = true LIMIT 1", false))
            .Append(("SELECT Id, FederationIdentifier FROM User LIMIT 1", false));
        var problems = new List<string>();
        foreach (var (soql, all) in probes)
        {
            try
            {
                await foreach (var unused in _client.QueryPagesAsync(soql, all, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (CrmRequestException e) when (e is not SalesforceLimitExceededException)
            {
                problems.Add(e.Message);
            }
        }

        return problems;
    }

    private static bool IsActivity(string obj) => obj is "Task" or "Event";

    private bool Has(string obj, string field) => _fields!.TryGetValue(obj, out var fields) && fields.Contains(field);

    private string Fields(string obj, params string[] candidates) =>
        string.Join(", ", candidates.Where(c => c.Length > 0).Where(c => c.Contains('.', StringComparison.Ordinal) ? Has(obj, c.Split('.')[0] + "Id") || c.StartsWith("Owner.", StringComparison.Ordinal) : Has(obj, c)).Select(Soql.Name));

    private string SelectList(string obj) => obj switch
    {
        "Account" => Fields(obj, "Id", "IsDeleted", "SystemModstamp", "Name", "Industry", "BillingState", "NumberOfEmployees", "AnnualRevenue", "Website", "OwnerId", "Owner.FederationIdentifier", Ext, KarteField),
        "Contact" => Fields(obj, "Id", "IsDeleted", "SystemModstamp", "CreatedDate", "FirstName", "LastName", "Title", "Department", "Email", "Phone", "AccountId", "Account." + Ext, "OwnerId", "Owner.FederationIdentifier", Ext, KarteField),
        "Opportunity" => Fields(obj, "Id", "IsDeleted", "SystemModstamp", "CreatedDate", "Name", "AccountId", "Account." + Ext, "Amount", "StageName", "IsClosed", "IsWon", "CloseDate", "OwnerId", "Owner.FederationIdentifier", "PK_GrossProfit__c", Ext, KarteField),
        // Task.OwnerId and Event.OwnerId are polymorphic (a queue, a calendar): Owner is the Name object there, so owners are resolved from OwnerId.
        "Event" => Fields(obj, "Id", "IsDeleted", "SystemModstamp", "CreatedDate", "WhoId", "WhatId", "AccountId", "Subject", "Description", "StartDateTime", "ActivityDate", "OwnerId", "PK_OccurredAt__c", "PK_Channel__c", "PK_Initiator__c", "PK_Reaction__c", Ext, KarteField),
        // TaskSubtype, CallType and Type carry the channel and direction of a plainly logged activity (read when PK_* are empty).
        _ => Fields(obj, "Id", "IsDeleted", "SystemModstamp", "CreatedDate", "WhoId", "WhatId", "AccountId", "Subject", "Description", "ActivityDate", "IsClosed", "OwnerId", "TaskSubtype", "CallType", "Type", "PK_OccurredAt__c", "PK_Channel__c", "PK_Initiator__c", "PK_Reaction__c", Ext, KarteField),
    };

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (obj, rows, marks, first) in ReadRowsAsync(watermark, idsOnly: false, cancellationToken).ConfigureAwait(false))
        {
            var page = obj is null ? new ChangePage() : await MapPageAsync(obj, rows, cancellationToken).ConfigureAwait(false);
            if (page.Count > 0 || first)
            {
                yield return page with { NextWatermark = marks };
            }
        }
    }

    /// <summary>
    /// The changed rows after <paramref name="watermark"/>, object by object and page by page, each with the watermark
    /// after it; <c>First</c> marks the first page (yielded even when empty), a final empty item (no object) ends a read
    /// that found nothing.
    /// </summary>
    private async IAsyncEnumerable<(string? Obj, List<JsonObject> Rows, string Watermark, bool First)> ReadRowsAsync(string? watermark, bool idsOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await ValidateMappingAsync(cancellationToken).ConfigureAwait(false);
        _userFederation.Clear(); // a run starts here: owners are looked up again, once per run
        var marks = SalesforceWatermark.Parse(watermark);
        var full = watermark is null;
        var first = true;
        foreach (var obj in Objects)
        {
            var mark = marks.Get(obj);
            // Seconds precision in the literal, exact (stamp, Id) filtering here: ties within a second are neither lost nor repeated.
            var where = mark is { } m ? $" WHERE SystemModstamp >= {Soql.Literal(new DateTimeOffset(m.Stamp.Ticks - (m.Stamp.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero))}"
                : full && IsActivity(obj) ? " WHERE IsDeleted = false" : string.Empty;
            var ids = idsOnly && !WithRecords(obj, full);
            var soql = $"SELECT {(ids ? IdList(obj) : SelectList(obj))} FROM {obj}{where} ORDER BY SystemModstamp, Id";

            // query hides activities archived after 365 days; queryAll returns them (and deletions, filtered above on a full read).
            await foreach (var records in _client.QueryPagesAsync(soql, includeDeleted: !full || IsActivity(obj), ids ? obj + " (ids)" : null, cancellationToken).ConfigureAwait(false))
            {
                var rows = new List<JsonObject>();
                foreach (var record in records.OfType<JsonObject>())
                {
                    var stamp = ParseDateTime(record["SystemModstamp"])!.Value;
                    var id = Str(record, "Id")!;
                    if (mark is { } last && (stamp < last.Stamp || (stamp == last.Stamp && string.CompareOrdinal(id, last.Id) <= 0)))
                    {
                        continue;
                    }

                    rows.Add(record);
                    marks.Set(obj, stamp, id);
                }

                yield return (obj, rows, marks.ToString(), first);
                first = false;
            }
        }

        if (first)
        {
            yield return (null, [], marks.ToString(), true);
        }
    }

    /// <summary>
    /// Whether a change summary reads the rows of <paramref name="obj"/> in full: changed Accounts and Contacts on an incremental
    /// read, so the sync can tell the echo of its own enrichment writes (every write moves SystemModstamp) from a real edit.
    /// </summary>
    private static bool WithRecords(string obj, bool full) => !full && obj is "Account" or "Contact";

    /// <summary>What a change summary needs of a row: its ids, stamps and the ids it points at.</summary>
    private string IdList(string obj) => obj switch
    {
        "Account" => Fields(obj, "Id", "IsDeleted", "SystemModstamp", Ext),
        "Contact" or "Opportunity" => Fields(obj, "Id", "IsDeleted", "SystemModstamp", "AccountId", "Account." + Ext, Ext),
        "Event" => Fields(obj, "Id", "IsDeleted", "SystemModstamp", "WhoId", "AccountId", Ext),
        _ => Fields(obj, "Id", "IsDeleted", "SystemModstamp", "WhoId", "AccountId", "IsClosed", Ext),
    };

    /// <inheritdoc />
    /// <remarks>
    /// Reads ids only (no text fields, no <c>PK_Karte__c</c>): the sync reads each affected karte in full afterwards, so
    /// a full run reads each record's contents once. On an incremental read, changed Accounts and Contacts come in full
    /// (<see cref="ChangeSummary.CompanyRecords"/>, <see cref="ChangeSummary.RepRecords"/>): every enrichment write moves
    /// their SystemModstamp, and the sync recognises those echoes by their unchanged contents instead of reading their
    /// accounts again. A Contact without an Account (a private contact, a rep not linked
    /// yet) has no company karte to be recomputed with, so it is handed over as a rep to locate and is scored alone.
    /// </remarks>
    public override async IAsyncEnumerable<ChangeSummary> ReadChangeSummaryAsync(string? watermark, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (obj, rows, marks, first) in ReadRowsAsync(watermark, idsOnly: true, cancellationToken).ConfigureAwait(false))
        {
            var summary = obj is null ? new ChangeSummary() : await SummarizeAsync(obj, rows, full: watermark is null, cancellationToken).ConfigureAwait(false);
            if (summary.Count > 0 || first)
            {
                yield return summary with { NextWatermark = marks };
            }
        }
    }

    private async Task<ChangeSummary> SummarizeAsync(string obj, List<JsonObject> rows, bool full, CancellationToken cancellationToken)
    {
        var live = rows.Where(r => r["IsDeleted"]?.GetValue<bool>() != true).ToList();
        var deletions = await DeletionsAsync(obj, rows.Except(live).ToList(), cancellationToken).ConfigureAwait(false);
        switch (obj)
        {
            case "Account":
                return new ChangeSummary
                {
                    Companies = [.. live.Select(r => new CompanyId(KarteId(obj, r)))],
                    CompanyRecords = WithRecords(obj, full) ? [.. live.Select(Company)] : [],
                    Deletions = deletions,
                    Count = live.Count + deletions.Count,
                };
            case "Contact":
                var reps = live.Select(r => new ChangedRep(new RepId(KarteId(obj, r)), new CompanyId(ParentKarteId(r, "Account", "AccountId") ?? string.Empty))).ToList();
                return new ChangeSummary
                {
                    Reps = [.. reps.Where(r => r.CompanyId.Value.Length > 0)],
                    RepRecords = WithRecords(obj, full) ? [.. live.Where(r => ParentKarteId(r, "Account", "AccountId") is not null).Select(Rep)] : [],
                    RecordReps = [.. reps.Where(r => r.CompanyId.Value.Length == 0).Select(r => r.Id)],
                    Deletions = deletions,
                    Count = live.Count + deletions.Count,
                };
            case "Opportunity":
                foreach (var r in live)
                {
                    KarteId(obj, r);
                }

                // A full read names every contact already (as a rep of its account, or as a rep to locate), and the karte reads
                // bring the contact roles: looking them up here too would read each role twice.
                var primary = full ? [] : await PrimaryContactsAsync(live.Select(r => Str(r, "Id")!).ToList(), cancellationToken).ConfigureAwait(false);
                return new ChangeSummary
                {
                    ProposalCompanies = [.. live.Select(r => new CompanyId(ParentKarteId(r, "Account", "AccountId") ?? string.Empty))],
                    RecordReps = [.. primary.Values.Select(v => new RepId(v))],
                    Deletions = deletions,
                    Count = live.Count + deletions.Count,
                };
            default:
                // The same rows MapInteraction takes: about a contact, and for a Task, closed.
                var interactions = live.Where(r => Str(r, "WhoId") is { } who && who.StartsWith("003", StringComparison.Ordinal)
                    && !(obj == "Task" && r["IsClosed"] is JsonValue closed && !closed.GetValue<bool>())).ToList();
                await LearnAsync("Contact", interactions.Select(r => Str(r, "WhoId")!).ToList(), cancellationToken).ConfigureAwait(false);
                return new ChangeSummary
                {
                    RecordReps = [.. interactions.Select(r => new RepId(_karteIds.GetValueOrDefault(Str(r, "WhoId")!, Str(r, "WhoId")!)))],
                    Deletions = deletions,
                    Count = interactions.Count + deletions.Count,
                };
        }
    }

    private async Task<ChangePage> MapPageAsync(string obj, List<JsonObject> rows, CancellationToken cancellationToken)
    {
        var live = rows.Where(r => r["IsDeleted"]?.GetValue<bool>() != true).ToList();
        var deleted = await DeletionsAsync(obj, rows.Except(live).ToList(), cancellationToken).ConfigureAwait(false);
        switch (obj)
        {
            case "Account":
                return new ChangePage { Companies = live.Select(Company).ToList(), Deletions = deleted };
            case "Contact":
                return new ChangePage { Reps = live.Select(Rep).ToList(), Deletions = deleted };
            case "Opportunity":
                var reps = await PrimaryContactsAsync(live.Select(r => Str(r, "Id")!).ToList(), cancellationToken).ConfigureAwait(false);
                return new ChangePage { Proposals = live.Select(r => ProposalOf(r, reps)).ToList(), Deletions = deleted };
            default:
                return new ChangePage { Interactions = await InteractionsAsync(obj, live, cancellationToken).ConfigureAwait(false), Deletions = deleted };
        }
    }

    /// <summary>
    /// Deleted rows with the rep and company they counted towards (queryAll returns a deleted row with its fields: a
    /// Task's WhoId and AccountId, an Opportunity's or Contact's AccountId), so the sync recomputes just those.
    /// </summary>
    private async Task<List<DeletedRecord>> DeletionsAsync(string obj, List<JsonObject> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        if (IsActivity(obj))
        {
            await LearnAsync("Contact", rows.Select(r => Str(r, "WhoId")).OfType<string>().Where(w => w.StartsWith("003", StringComparison.Ordinal)).ToList(), cancellationToken).ConfigureAwait(false);
        }

        await LearnAsync("Account", rows.Where(r => r["Account"] is null).Select(r => Str(r, "AccountId")).OfType<string>().ToList(), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new DeletedRecord(Kind(obj), KarteId(obj, r))
        {
            RepId = IsActivity(obj) && Str(r, "WhoId") is { } who && who.StartsWith("003", StringComparison.Ordinal) ? _karteIds.GetValueOrDefault(who, who) : null,
            CompanyId = ParentKarteId(r, "Account", "AccountId"),
        }).ToList();
    }

    private static KarteRecordKind Kind(string obj) => obj switch
    {
        "Account" => KarteRecordKind.Company,
        "Contact" => KarteRecordKind.Rep,
        "Opportunity" => KarteRecordKind.Proposal,
        _ => KarteRecordKind.Interaction,
    };

    /// <summary>The karte id of a row: its external id, or its Salesforce Id when it has none. Remembers the pair.</summary>
    private string KarteId(string obj, JsonObject row)
    {
        var sfId = Str(row, "Id")!;
        var karteId = Str(row, Ext) is { Length: > 0 } ext ? ext : sfId;
        _sfIds[(obj, karteId)] = sfId;
        _karteIds[sfId] = karteId;
        return karteId;
    }

    private string? ParentKarteId(JsonObject row, string relationship, string idField)
    {
        var ext = row[relationship]?[Ext]?.GetValue<string>();
        var sfId = Str(row, idField);
        if (sfId is null)
        {
            return null;
        }

        if (ext is { Length: > 0 })
        {
            _karteIds[sfId] = ext;
            return ext;
        }

        return _karteIds.GetValueOrDefault(sfId, sfId);
    }

    /// <summary>
    /// Our team member owning a row: the owner's FederationIdentifier (from <c>Owner</c>, or for activities from the
    /// per-run User cache), else the User Id. A queue (00G) or calendar (023) owning an activity is no one on our side.
    /// </summary>
    private UserId? Owner(JsonObject row)
    {
        if (row["Owner"]?["FederationIdentifier"]?.GetValue<string>() is { Length: > 0 } federated)
        {
            return new UserId(federated);
        }

        var owner = Str(row, "OwnerId");
        if (owner is null || !owner.StartsWith("005", StringComparison.Ordinal))
        {
            return null;
        }

        return _userFederation.TryGetValue(owner, out var known) && known is { Length: > 0 } ? new UserId(known) : new UserId(owner);
    }

    /// <summary>Learns the FederationIdentifier of activity owners that are Users, one query per 200 not seen yet in this run.</summary>
    private async Task ResolveActivityOwnersAsync(IReadOnlyList<JsonObject> rows, CancellationToken cancellationToken)
    {
        var users = rows.Select(r => Str(r, "OwnerId")).OfType<string>()
            .Where(o => o.StartsWith("005", StringComparison.Ordinal) && !_userFederation.ContainsKey(o)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in users.Chunk(InListSize))
        {
            await foreach (var page in _client.QueryPagesAsync($"SELECT Id, FederationIdentifier FROM User WHERE Id IN {Soql.InList(chunk)}", includeDeleted: false, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in page.OfType<JsonObject>())
                {
                    _userFederation[Str(row, "Id")!] = Str(row, "FederationIdentifier");
                }
            }

            foreach (var id in chunk)
            {
                _userFederation.TryAdd(id, null);
            }
        }
    }

    private PartnerCompany MapCompany(JsonObject r) => new()
    {
        Id = new CompanyId(KarteId("Account", r)),
        Name = Str(r, "Name") ?? string.Empty,
        Profile = new CompanyProfile
        {
            Industry = Str(r, "Industry"),
            Prefecture = Str(r, "BillingState"),
            EmployeeCount = r["NumberOfEmployees"]?.GetValue<int?>(),
            Revenue = r["AnnualRevenue"]?.GetValue<decimal?>(),
            Domain = Str(r, "Website"),
        },
        OwnerId = Owner(r),
        ModifiedAt = ParseDateTime(r["SystemModstamp"]),
    };

    private PartnerRep MapRep(JsonObject r)
    {
        var company = new CompanyId(ParentKarteId(r, "Account", "AccountId") ?? string.Empty);
        var since = ParseDateTime(r["CreatedDate"]) is { } created ? DateOnly.FromDateTime(created.UtcDateTime) : DateOnly.MinValue;
        return new PartnerRep
        {
            Id = new RepId(KarteId("Contact", r)),
            CompanyId = company,
            Name = new PersonName(Str(r, "LastName") ?? string.Empty, Str(r, "FirstName") ?? string.Empty),
            Title = Str(r, "Title"),
            Department = Str(r, "Department"),
            Email = Str(r, "Email"),
            Phone = Str(r, "Phone"),
            OwnerId = Owner(r),
            Employment = company.Value.Length > 0 ? [new EmploymentEpisode(company, Str(r, "Title"), Str(r, "Department"), since)] : [],
            ModifiedAt = ParseDateTime(r["SystemModstamp"]),
        };
    }

    private Proposal MapProposal(JsonObject r, IReadOnlyDictionary<string, string> primaryContacts)
    {
        var won = r["IsWon"]?.GetValue<bool>() == true;
        var closed = r["IsClosed"]?.GetValue<bool>() == true;
        var sfId = Str(r, "Id")!;
        return new Proposal
        {
            Id = new ProposalId(KarteId("Opportunity", r)),
            CompanyId = new CompanyId(ParentKarteId(r, "Account", "AccountId") ?? string.Empty),
            RepId = primaryContacts.TryGetValue(sfId, out var rep) ? new RepId(rep) : null,
            OwnerId = Owner(r),
            Offer = Str(r, "Name") ?? string.Empty,
            Amount = r["Amount"]?.GetValue<decimal?>() ?? 0m,
            GrossProfit = r["PK_GrossProfit__c"]?.GetValue<decimal?>(),
            Stage = closed ? ProposalStage.Closed : Str(r, "StageName") switch
            {
                "Qualification" => ProposalStage.Qualified,
                "Proposal/Price Quote" => ProposalStage.Proposal,
                "Negotiation/Review" => ProposalStage.Negotiation,
                _ => ProposalStage.Lead,
            },
            Outcome = won ? ProposalOutcome.Won : closed ? ProposalOutcome.Lost : ProposalOutcome.Open,
            CreatedOn = ParseDateTime(r["CreatedDate"]) is { } c ? DateOnly.FromDateTime(c.UtcDateTime) : DateOnly.MinValue,
            ClosedOn = closed && Str(r, "CloseDate") is { } close ? DateOnly.Parse(close, CultureInfo.InvariantCulture) : null,
            ModifiedAt = ParseDateTime(r["SystemModstamp"]),
        };
    }

    private Interaction? MapInteraction(string obj, JsonObject r)
    {
        var who = Str(r, "WhoId");
        if (who is null || !who.StartsWith("003", StringComparison.Ordinal))
        {
            return null; // not about a partner rep (a lead, or no contact)
        }

        if (obj == "Task" && r["IsClosed"] is JsonValue closed && !closed.GetValue<bool>())
        {
            return null; // an open task is a to-do (handover tasks among them), not a contact that took place
        }

        if (Str(r, Ext) is { } key && key.StartsWith(FollowUpTask.KeyPrefix, StringComparison.Ordinal))
        {
            return null; // a completed follow-up task is our reminder, not a contact with the rep
        }

        var mail = obj == "Task" && Str(r, "Id") is { } taskId ? _emails.GetValueOrDefault(taskId) : null;
        var occurred = ParseDateTime(r["PK_OccurredAt__c"])
            ?? ParseDateTime(r["StartDateTime"])
            ?? mail?.Sent
            ?? (Str(r, "ActivityDate") is { } day ? (DateTimeOffset?)new DateTimeOffset(DateOnly.Parse(day, CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null)
            ?? ParseDateTime(r["CreatedDate"])!.Value;
        return new Interaction
        {
            Id = new InteractionId(KarteId(obj, r)),
            RepId = new RepId(_karteIds.GetValueOrDefault(who, who)),
            OccurredAt = occurred,
            Channel = Enum.TryParse<InteractionChannel>(Str(r, "PK_Channel__c"), out var channel) ? channel : StandardChannel(obj, r),
            ProposalId = Str(r, "WhatId") is { } what && what.StartsWith("006", StringComparison.Ordinal) ? new ProposalId(_karteIds.GetValueOrDefault(what, what)) : null,
            Initiator = Enum.TryParse<Initiator>(Str(r, "PK_Initiator__c"), out var initiator) ? initiator
                : mail is { } m ? (m.Incoming ? Initiator.Rep : Initiator.Us)
                : StandardInitiator(obj, r),
            ResponseLatency = mail is { Sent: { } sent, RepliesTo: { } to } && sent >= to ? sent - to : null,
            Reaction = Enum.TryParse<Reaction>(Str(r, "PK_Reaction__c"), out var reaction) ? reaction : Reaction.Unknown,
            Statements = Str(r, "Description"),
            UserId = Owner(r),
            ModifiedAt = ParseDateTime(r["SystemModstamp"]),
        };
    }

    /// <summary>
    /// The channel of an activity without PK_Channel__c, from the standard fields (Salesforce object reference, Task):
    /// an Event is a meeting; a Task by TaskSubtype (Call; Email, ListEmail) or else by Type (Call, Email, Meeting).
    /// </summary>
    private static InteractionChannel StandardChannel(string obj, JsonObject r)
    {
        if (obj == "Event")
        {
            return InteractionChannel.Meeting;
        }

        return Str(r, "TaskSubtype") switch
        {
            "Call" => InteractionChannel.Call,
            "Email" or "ListEmail" => InteractionChannel.Email,
            _ => Str(r, "Type") switch
            {
                "Call" => InteractionChannel.Call,
                "Email" => InteractionChannel.Email,
                "Meeting" => InteractionChannel.Meeting,
                _ => InteractionChannel.Other,
            },
        };
    }

    /// <summary>
    /// Who started an activity without PK_Initiator__c, from the standard fields: Task.CallType "Inbound" (the rep called
    /// us) or "Outbound" (we called), as the Salesforce object reference defines CallType (Inbound, Internal, Outbound);
    /// a ListEmail task is a list e-mail we sent. Anything else does not record the initiator: <see cref="Initiator.Unknown"/>,
    /// never "us".
    /// </summary>
    private static Initiator StandardInitiator(string obj, JsonObject r)
    {
        if (obj != "Task")
        {
            return Initiator.Unknown;
        }

        return Str(r, "CallType") switch
        {
            "Inbound" => Initiator.Rep,
            "Outbound" => Initiator.Us,
            _ => Str(r, "TaskSubtype") == "ListEmail" ? Initiator.Us : Initiator.Unknown,
        };
    }

    /// <summary>Opportunity Id → karte id of its primary contact.</summary>
    private async Task<Dictionary<string, string>> PrimaryContactsAsync(IReadOnlyList<string> opportunityIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in opportunityIds.Chunk(InListSize))
        {
            var soql = $"SELECT OpportunityId, ContactId, Contact.{Soql.Name(Ext)} FROM OpportunityContactRole WHERE IsPrimary = true AND OpportunityId IN {Soql.InList(chunk)}";
            await foreach (var page in _client.QueryPagesAsync(soql, includeDeleted: false, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in page.OfType<JsonObject>())
                {
                    result[Str(row, "OpportunityId")!] = ParentKarteId(row, "Contact", "ContactId")!;
                }
            }
        }

        return result;
    }

    /// <summary>Learns the karte ids of records not seen yet (Task/Event WhoId and WhatId are polymorphic, so no relationship path is used).</summary>
    private async Task LearnAsync(string obj, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var unknown = ids.Distinct(StringComparer.Ordinal).Where(id => !_karteIds.ContainsKey(id)).ToList();
        foreach (var chunk in unknown.Chunk(InListSize))
        {
            var soql = $"SELECT Id, {Soql.Name(Ext)} FROM {obj} WHERE Id IN {Soql.InList(chunk)}";
            await foreach (var page in _client.QueryPagesAsync(soql, includeDeleted: true, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in page.OfType<JsonObject>())
                {
                    KarteId(obj, row);
                }
            }
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<KarteRecordBatch> ReadKarteAsync(KarteSelection selection, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        await ValidateMappingAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in selection.CompanyIds.Select(c => c.Value).Where(c => c.Length > 0).Chunk(InListSize))
        {
            var companies = await QueryAllAsync("Account", ByKarteId("Account", chunk), cancellationToken).ConfigureAwait(false);
            var accountIds = companies.Select(r => Str(r, "Id")!).ToList();
            if (accountIds.Count == 0)
            {
                continue;
            }

            var opportunities = await QueryAllAsync("Opportunity", $"AccountId IN {Soql.InList(accountIds)}", cancellationToken).ConfigureAwait(false);
            foreach (var r in opportunities)
            {
                KarteId("Opportunity", r);
            }

            // A selected company comes with its whole karte: its reps, their interactions and the proposals they are on.
            var contacts = await QueryAllAsync("Contact", $"AccountId IN {Soql.InList(accountIds)}", cancellationToken).ConfigureAwait(false);
            var known = opportunities.Select(r => Str(r, "Id")!).ToHashSet(StringComparer.Ordinal);
            var (context, primary) = await ReadRepContextAsync(contacts, known, cancellationToken).ConfigureAwait(false);

            // Primary contacts among these reps came with their roles; only the others are looked up.
            foreach (var (opportunity, rep) in await PrimaryContactsAsync(known.Where(o => !primary.ContainsKey(o)).ToList(), cancellationToken).ConfigureAwait(false))
            {
                primary[opportunity] = rep;
            }

            yield return new KarteRecordBatch
            {
                Companies = companies.Select(Company).ToList(),
                Reps = context.Reps,
                Interactions = context.Interactions,
                Proposals = [.. opportunities.Select(r => ProposalOf(r, primary)).Concat(context.Proposals).DistinctBy(p => p.Id)],
            };
        }

        foreach (var chunk in selection.RepIds.Select(r => r.Value).Chunk(InListSize))
        {
            var contacts = await QueryAllAsync("Contact", ByKarteId("Contact", chunk), cancellationToken).ConfigureAwait(false);
            if (contacts.Count == 0)
            {
                continue;
            }

            yield return (await ReadRepContextAsync(contacts, new HashSet<string>(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false)).Batch;
        }
    }

    /// <summary>
    /// The reps with their interactions and the proposals they are primary contact on (except <paramref name="knownOpportunities"/>,
    /// already read by the caller), and Opportunity Id → karte id of its primary contact among these reps.
    /// </summary>
    private async Task<(KarteRecordBatch Batch, Dictionary<string, string> Primary)> ReadRepContextAsync(IReadOnlyList<JsonObject> contacts, ISet<string> knownOpportunities, CancellationToken cancellationToken)
    {
        var primary = new Dictionary<string, string>(StringComparer.Ordinal);
        var contactIds = contacts.Select(r => Str(r, "Id")!).ToList();
        if (contactIds.Count == 0)
        {
            return (new KarteRecordBatch(), primary);
        }

        var reps = contacts.Select(Rep).ToList();
        var interactions = new List<Interaction>();
        foreach (var activity in (string[])["Task", "Event"])
        {
            if (_fields!.ContainsKey(activity))
            {
                var rows = await QueryInAsync(activity, "WhoId", contactIds, cancellationToken).ConfigureAwait(false);
                interactions.AddRange(await InteractionsAsync(activity, rows, cancellationToken).ConfigureAwait(false));
            }
        }

        foreach (var chunk in contactIds.Chunk(InListSize))
        {
            var roles = $"SELECT OpportunityId, ContactId, Contact.{Soql.Name(Ext)} FROM OpportunityContactRole WHERE IsPrimary = true AND ContactId IN {Soql.InList(chunk)}";
            await foreach (var page in _client.QueryPagesAsync(roles, includeDeleted: false, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in page.OfType<JsonObject>())
                {
                    primary[Str(row, "OpportunityId")!] = ParentKarteId(row, "Contact", "ContactId")!;
                }
            }
        }

        var opportunities = await QueryInAsync("Opportunity", "Id", primary.Keys.Where(o => !knownOpportunities.Contains(o)).ToList(), cancellationToken).ConfigureAwait(false);
        return (new KarteRecordBatch
        {
            Reps = reps,
            Interactions = interactions,
            Proposals = opportunities.Select(r => ProposalOf(r, primary)).ToList(),
        }, primary);
    }

    private string ByKarteId(string obj, IReadOnlyList<string> karteIds)
    {
        var sfIds = karteIds.Where(LooksLikeSalesforceId).ToList();
        var clauses = new List<string> { $"{Soql.Name(Ext)} IN {Soql.InList(karteIds)}" };
        if (sfIds.Count > 0)
        {
            clauses.Add($"Id IN {Soql.InList(sfIds)}");
        }

        return string.Join(" OR ", clauses);
    }

    private static bool LooksLikeSalesforceId(string id) => id.Length is 15 or 18 && id.All(char.IsAsciiLetterOrDigit) && char.IsAsciiDigit(id[0]);

    /// <summary>Rows whose <paramref name="field"/> is one of <paramref name="ids"/>, 200 ids per query (URIs stay far below 16 KB).</summary>
    private async Task<List<JsonObject>> QueryInAsync(string obj, string field, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var rows = new List<JsonObject>();
        foreach (var chunk in ids.Chunk(InListSize))
        {
            rows.AddRange(await QueryAllAsync(obj, $"{field} IN {Soql.InList(chunk)}", cancellationToken).ConfigureAwait(false));
        }

        return rows;
    }

    private async Task<List<JsonObject>> QueryAllAsync(string obj, string where, CancellationToken cancellationToken)
    {
        var rows = new List<JsonObject>();

        // Archived activities (365 days and older) only come through queryAll, which also returns deleted rows.
        var soql = IsActivity(obj) ? $"SELECT {SelectList(obj)} FROM {obj} WHERE IsDeleted = false AND ({where})" : $"SELECT {SelectList(obj)} FROM {obj} WHERE {where}";
        await foreach (var page in _client.QueryPagesAsync(soql, includeDeleted: IsActivity(obj), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.AddRange(page.OfType<JsonObject>());
        }

        return rows;
    }

    private static string? Str(JsonObject row, string field) =>
        row.TryGetPropertyValue(field, out var node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static DateTimeOffset? ParseDateTime(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetValue<string>();
        // Salesforce writes "+0000" without a colon.
        if (text.Length > 5 && text[^5] is '+' or '-' && text[^3] != ':')
        {
            text = text[..^2] + ":" + text[^2..];
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
