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
/// through sObject Collections (200 records per call) or, from <see cref="SalesforceConnectorOptions.BulkThreshold"/>
/// records, one Bulk API 2.0 job per object. Karte ids are the <c>PK_ExternalId__c</c> values (the Salesforce Id when empty).
/// </summary>
public sealed partial class SalesforceConnector : KarteConnector
{
    private const int CollectionSize = 200;
    private const int InListSize = 200;
    private static readonly string[] Objects = ["Account", "Contact", "Opportunity", "Task", "Event"];

    private readonly SalesforceClient _client;
    private readonly SalesforceConnectorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _readyLock = new(1, 1);

    // Salesforce Id <-> karte id, learnt from every read: lets writes go by Id without extra lookups.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Object, string KarteId), string> _sfIds = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _karteIds = new(StringComparer.Ordinal);
    private Dictionary<string, HashSet<string>>? _fields;
    private Dictionary<(string Object, string Field), int>? _lengths;

    /// <summary>Creates the connector.</summary>
    /// <param name="httpClient">The HTTP client (from IHttpClientFactory in hosted apps).</param>
    /// <param name="options">The options; validated here.</param>
    /// <param name="timeProvider">Clock for backoff and JWT expiry (system clock when omitted).</param>
    /// <param name="logger">Logger; never receives tokens, secrets or record data.</param>
    /// <exception cref="PartnerKarteException">The options are invalid; the message names each option.</exception>
    public SalesforceConnector(HttpClient httpClient, SalesforceConnectorOptions options, TimeProvider? timeProvider = null, ILogger<SalesforceConnector>? logger = null)
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
        _client = new SalesforceClient(httpClient, options, _time, _logger);
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
            foreach (var name in Objects.Append("OpportunityContactRole"))
            {
                var response = await _client.SendAsync(HttpMethod.Get, $"sobjects/{name}/describe", cancellationToken: cancellationToken).ConfigureAwait(false);
                if (response.Status == 404 && name == "OpportunityContactRole")
                {
                    continue; // only karte upserts need it; they report it missing
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
            return ConnectorHealth.Healthy;
        }
        catch (SalesforceMappingException e)
        {
            return new ConnectorHealth(e.Problems);
        }
        catch (SalesforceRequestException e)
        {
            return new ConnectorHealth([e.Message]);
        }
    }

    private bool Has(string obj, string field) => _fields!.TryGetValue(obj, out var fields) && fields.Contains(field);

    private string Fields(string obj, params string[] candidates) =>
        string.Join(", ", candidates.Where(c => c.Length > 0).Where(c => c.Contains('.', StringComparison.Ordinal) ? Has(obj, c.Split('.')[0] + "Id") || c.StartsWith("Owner.", StringComparison.Ordinal) : Has(obj, c)).Select(Soql.Name));

    private string SelectList(string obj) => obj switch
    {
        "Account" => Fields(obj, "Id", "IsDeleted", "SystemModstamp", "Name", "Industry", "BillingState", "NumberOfEmployees", "AnnualRevenue", "Website", "OwnerId", "Owner.FederationIdentifier", Ext, KarteField),
        "Contact" => Fields(obj, "Id", "IsDeleted", "SystemModstamp", "CreatedDate", "FirstName", "LastName", "Title", "Department", "Email", "Phone", "AccountId", "Account." + Ext, "OwnerId", "Owner.FederationIdentifier", Ext, KarteField),
        "Opportunity" => Fields(obj, "Id", "IsDeleted", "SystemModstamp", "CreatedDate", "Name", "AccountId", "Account." + Ext, "Amount", "StageName", "IsClosed", "IsWon", "CloseDate", "OwnerId", "Owner.FederationIdentifier", "PK_GrossProfit__c", Ext, KarteField),
        "Event" => Fields(obj, "Id", "IsDeleted", "SystemModstamp", "CreatedDate", "WhoId", "WhatId", "Subject", "Description", "StartDateTime", "ActivityDate", "OwnerId", "Owner.FederationIdentifier", "PK_OccurredAt__c", "PK_Channel__c", "PK_Initiator__c", "PK_Reaction__c", Ext, KarteField),
        _ => Fields(obj, "Id", "IsDeleted", "SystemModstamp", "CreatedDate", "WhoId", "WhatId", "Subject", "Description", "ActivityDate", "IsClosed", "OwnerId", "Owner.FederationIdentifier", "PK_OccurredAt__c", "PK_Channel__c", "PK_Initiator__c", "PK_Reaction__c", Ext, KarteField),
    };

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await ValidateMappingAsync(cancellationToken).ConfigureAwait(false);
        var marks = SalesforceWatermark.Parse(watermark);
        var full = watermark is null;
        var yielded = false;
        foreach (var obj in Objects)
        {
            var mark = marks.Get(obj);
            // Seconds precision in the literal, exact (stamp, Id) filtering here: ties within a second are neither lost nor repeated.
            var where = mark is { } m ? $" WHERE SystemModstamp >= {Soql.Literal(new DateTimeOffset(m.Stamp.Ticks - (m.Stamp.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero))}" : string.Empty;
            var soql = $"SELECT {SelectList(obj)} FROM {obj}{where} ORDER BY SystemModstamp, Id";
            await foreach (var records in _client.QueryPagesAsync(soql, includeDeleted: !full, cancellationToken).ConfigureAwait(false))
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

                var page = await MapPageAsync(obj, rows, cancellationToken).ConfigureAwait(false);
                if (page.Count > 0 || !yielded)
                {
                    yielded = true;
                    yield return page with { NextWatermark = marks.ToString() };
                }
            }
        }

        if (!yielded)
        {
            yield return new ChangePage { NextWatermark = marks.ToString() };
        }
    }

    private async Task<ChangePage> MapPageAsync(string obj, List<JsonObject> rows, CancellationToken cancellationToken)
    {
        var live = rows.Where(r => r["IsDeleted"]?.GetValue<bool>() != true).ToList();
        var deleted = rows.Except(live).Select(r => new DeletedRecord(Kind(obj), KarteId(obj, r))).ToList();
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

    private static UserId? Owner(JsonObject row) =>
        row["Owner"]?["FederationIdentifier"]?.GetValue<string>() is { Length: > 0 } federated ? new UserId(federated)
        : Str(row, "OwnerId") is { } owner ? new UserId(owner) : null;

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

        var occurred = ParseDateTime(r["PK_OccurredAt__c"])
            ?? ParseDateTime(r["StartDateTime"])
            ?? (Str(r, "ActivityDate") is { } day ? (DateTimeOffset?)new DateTimeOffset(DateOnly.Parse(day, CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null)
            ?? ParseDateTime(r["CreatedDate"])!.Value;
        return new Interaction
        {
            Id = new InteractionId(KarteId(obj, r)),
            RepId = new RepId(_karteIds.GetValueOrDefault(who, who)),
            OccurredAt = occurred,
            Channel = Enum.TryParse<InteractionChannel>(Str(r, "PK_Channel__c"), out var channel) ? channel : obj == "Event" ? InteractionChannel.Meeting : InteractionChannel.Other,
            ProposalId = Str(r, "WhatId") is { } what && what.StartsWith("006", StringComparison.Ordinal) ? new ProposalId(_karteIds.GetValueOrDefault(what, what)) : null,
            Initiator = Enum.TryParse<Initiator>(Str(r, "PK_Initiator__c"), out var initiator) ? initiator : Initiator.Us,
            Reaction = Enum.TryParse<Reaction>(Str(r, "PK_Reaction__c"), out var reaction) ? reaction : Reaction.Unknown,
            Statements = Str(r, "Description"),
            UserId = Owner(r),
            ModifiedAt = ParseDateTime(r["SystemModstamp"]),
        };
    }

    /// <summary>Opportunity Id → karte id of its primary contact.</summary>
    private async Task<Dictionary<string, string>> PrimaryContactsAsync(IReadOnlyList<string> opportunityIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in opportunityIds.Chunk(InListSize))
        {
            var soql = $"SELECT OpportunityId, ContactId, Contact.{Soql.Name(Ext)} FROM OpportunityContactRole WHERE IsPrimary = true AND OpportunityId IN {Soql.InList(chunk)}";
            await foreach (var page in _client.QueryPagesAsync(soql, includeDeleted: false, cancellationToken).ConfigureAwait(false))
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
            await foreach (var page in _client.QueryPagesAsync(soql, includeDeleted: true, cancellationToken).ConfigureAwait(false))
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
        foreach (var chunk in selection.CompanyIds.Select(c => c.Value).Chunk(InListSize))
        {
            var companies = await QueryAllAsync("Account", ByKarteId("Account", chunk), cancellationToken).ConfigureAwait(false);
            var accountIds = companies.Select(r => Str(r, "Id")!).ToList();
            if (accountIds.Count == 0)
            {
                continue;
            }

            var opportunities = await QueryAllAsync("Opportunity", $"AccountId IN {Soql.InList(accountIds)}", cancellationToken).ConfigureAwait(false);
            var primary = await PrimaryContactsAsync(opportunities.Select(r => Str(r, "Id")!).ToList(), cancellationToken).ConfigureAwait(false);

            // A selected company comes with its whole karte: its reps, their interactions and the proposals they are on.
            var contacts = await QueryAllAsync("Contact", $"AccountId IN {Soql.InList(accountIds)}", cancellationToken).ConfigureAwait(false);
            var context = await ReadRepContextAsync(contacts, cancellationToken).ConfigureAwait(false);
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

            yield return await ReadRepContextAsync(contacts, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<KarteRecordBatch> ReadRepContextAsync(IReadOnlyList<JsonObject> contacts, CancellationToken cancellationToken)
    {
        var contactIds = contacts.Select(r => Str(r, "Id")!).ToList();
        if (contactIds.Count == 0)
        {
            return new KarteRecordBatch();
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

        var opportunityIds = new List<string>();
        foreach (var chunk in contactIds.Chunk(InListSize))
        {
            var roles = $"SELECT OpportunityId FROM OpportunityContactRole WHERE IsPrimary = true AND ContactId IN {Soql.InList(chunk)}";
            await foreach (var page in _client.QueryPagesAsync(roles, includeDeleted: false, cancellationToken).ConfigureAwait(false))
            {
                opportunityIds.AddRange(page.OfType<JsonObject>().Select(r => Str(r, "OpportunityId")!));
            }
        }

        var opportunities = await QueryInAsync("Opportunity", "Id", opportunityIds.Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        var primary = await PrimaryContactsAsync(opportunities.Select(r => Str(r, "Id")!).ToList(), cancellationToken).ConfigureAwait(false);
        return new KarteRecordBatch
        {
            Reps = reps,
            Interactions = interactions,
            Proposals = opportunities.Select(r => ProposalOf(r, primary)).ToList(),
        };
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
        await foreach (var page in _client.QueryPagesAsync($"SELECT {SelectList(obj)} FROM {obj} WHERE {where}", includeDeleted: false, cancellationToken).ConfigureAwait(false))
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
