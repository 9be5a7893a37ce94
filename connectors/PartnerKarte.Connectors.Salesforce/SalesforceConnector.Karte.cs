using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>
/// Karte upserts (migration target) and the lossless read-back. Each record goes to its standard object by
/// external id: company → Account, rep → Contact, proposal → Opportunity plus a primary OpportunityContactRole
/// for its rep, interaction → Task (calls, e-mail, chat, other) or Event (meetings, web meetings, events, meals).
/// The standard fields carry what Salesforce users see; the whole record (kana, tags, contract, employment
/// episodes, personality, next action, custom items ...) is kept in <c>PK_Karte__c</c> (as JSON),
/// so a read returns exactly what was written, unless a Salesforce user changed a standard field since.
/// </summary>
public sealed partial class SalesforceConnector
{
    private static readonly string[] UpsertObjects = ["Account", "Contact", "Opportunity", "OpportunityContactRole", "Task", "Event"];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> _owners = new(StringComparer.Ordinal);

    private string KarteField => _options.Fields.KarteData;

    /// <summary>One standard field (or pair) that projects part of a karte record.</summary>
    private sealed record Projection<T>(string Name, string[] Keys, Func<JsonObject, string?> Token, Func<T, T, T> Apply);

    private string? Tok(JsonObject o, string field) => KarteJson.Token(o[field]);

    private string? ParentTok(JsonObject o, string relationship, string idField) =>
        o[relationship] is JsonObject parent ? KarteJson.Token(parent[Ext]) : Str(o, idField) is { } id ? _karteIds.GetValueOrDefault(id, id) : null;

    private IReadOnlyList<Projection<PartnerCompany>> CompanyProjections() =>
    [
        new("Name", ["Name"], o => Tok(o, "Name"), (j, r) => j with { Name = r.Name }),
        new("Industry", ["Industry"], o => Tok(o, "Industry"), (j, r) => j with { Profile = j.Profile with { Industry = r.Profile.Industry } }),
        new("BillingState", ["BillingState"], o => Tok(o, "BillingState"), (j, r) => j with { Profile = j.Profile with { Prefecture = r.Profile.Prefecture } }),
        new("NumberOfEmployees", ["NumberOfEmployees"], o => Tok(o, "NumberOfEmployees"), (j, r) => j with { Profile = j.Profile with { EmployeeCount = r.Profile.EmployeeCount } }),
        new("AnnualRevenue", ["AnnualRevenue"], o => Tok(o, "AnnualRevenue"), (j, r) => j with { Profile = j.Profile with { Revenue = r.Profile.Revenue } }),
        new("Website", ["Website"], o => Tok(o, "Website"), (j, r) => j with { Profile = j.Profile with { Domain = r.Profile.Domain } }),
        new("OwnerId", ["OwnerId"], o => Tok(o, "OwnerId"), (j, r) => j with { OwnerId = r.OwnerId }),
    ];

    private IReadOnlyList<Projection<PartnerRep>> RepProjections() =>
    [
        new("LastName", ["LastName"], o => Tok(o, "LastName"), (j, r) => j with { Name = j.Name with { FamilyName = r.Name.FamilyName } }),
        new("FirstName", ["FirstName"], o => Tok(o, "FirstName"), (j, r) => j with { Name = j.Name with { GivenName = r.Name.GivenName } }),
        new("Title", ["Title"], o => Tok(o, "Title"), (j, r) => j with { Title = r.Title }),
        new("Department", ["Department"], o => Tok(o, "Department"), (j, r) => j with { Department = r.Department }),
        new("Email", ["Email"], o => Tok(o, "Email"), (j, r) => j with { Email = r.Email }),
        new("Phone", ["Phone"], o => Tok(o, "Phone"), (j, r) => j with { Phone = r.Phone }),
        new("Account", ["Account", "AccountId"], o => ParentTok(o, "Account", "AccountId"), (j, r) => j with { CompanyId = r.CompanyId }),
        new("OwnerId", ["OwnerId"], o => Tok(o, "OwnerId"), (j, r) => j with { OwnerId = r.OwnerId }),
    ];

    private IReadOnlyList<Projection<Proposal>> ProposalProjections() =>
    [
        new("Name", ["Name"], o => Tok(o, "Name"), (j, r) => j with { Offer = r.Offer }),
        new("Account", ["Account", "AccountId"], o => ParentTok(o, "Account", "AccountId"), (j, r) => j with { CompanyId = r.CompanyId }),
        new("Amount", ["Amount"], o => Tok(o, "Amount"), (j, r) => j with { Amount = r.Amount }),
        new("PK_GrossProfit__c", ["PK_GrossProfit__c"], o => Tok(o, "PK_GrossProfit__c"), (j, r) => j with { GrossProfit = r.GrossProfit }),
        new("StageName", ["StageName", "CloseDate"], o => Tok(o, "StageName") + "|" + Tok(o, "CloseDate"), (j, r) => j with { Stage = r.Stage, Outcome = r.Outcome, ClosedOn = r.ClosedOn }),
        new("OwnerId", ["OwnerId"], o => Tok(o, "OwnerId"), (j, r) => j with { OwnerId = r.OwnerId }),
        new("Rep", [RepSlot], o => Str(o, RepSlot), (j, r) => j with { RepId = r.RepId }),
    ];

    private IReadOnlyList<Projection<Interaction>> InteractionProjections() =>
    [
        new("Description", ["Description"], o => Tok(o, "Description"), (j, r) => j with { Statements = r.Statements }),
        new("PK_OccurredAt__c", ["PK_OccurredAt__c"], o => Tok(o, "PK_OccurredAt__c"), (j, r) => j with { OccurredAt = r.OccurredAt }),
        new("PK_Channel__c", ["PK_Channel__c"], o => Tok(o, "PK_Channel__c"), (j, r) => j with { Channel = r.Channel }),
        new("PK_Initiator__c", ["PK_Initiator__c"], o => Tok(o, "PK_Initiator__c"), (j, r) => j with { Initiator = r.Initiator }),
        new("PK_Reaction__c", ["PK_Reaction__c"], o => Tok(o, "PK_Reaction__c"), (j, r) => j with { Reaction = r.Reaction }),
        new("Who", ["Who", "WhoId"], o => ParentTok(o, "Who", "WhoId"), (j, r) => j with { RepId = r.RepId }),
        new("What", ["What", "WhatId"], o => ParentTok(o, "What", "WhatId"), (j, r) => j with { ProposalId = r.ProposalId }),
        new("OwnerId", ["OwnerId"], o => Tok(o, "OwnerId"), (j, r) => j with { UserId = r.UserId }),
    ];

    /// <summary>A key that never goes over the wire: the proposal's primary contact, compared like a field.</summary>
    private const string RepSlot = "$rep";

    /// <summary>
    /// The record as stored: the saved karte record with every standard field a Salesforce user changed since the
    /// write taken from <paramref name="fromRow"/>; just <paramref name="fromRow"/> for records we never wrote.
    /// </summary>
    private T Merge<T>(string obj, T fromRow, JsonObject row, IReadOnlyList<Projection<T>> projections, Func<T, T, T> identity)
    {
        if (KarteField.Length == 0 || !Has(obj, KarteField) || KarteJson.Parse(Str(row, KarteField)) is not { } envelope)
        {
            return fromRow;
        }

        T? saved;
        try
        {
            saved = KarteJson.FromNode<T>(envelope.Record);
        }
        catch (JsonException)
        {
            return fromRow;
        }

        if (saved is null)
        {
            return fromRow;
        }

        foreach (var projection in projections)
        {
            if (envelope.Written.TryGetPropertyValue(projection.Name, out var written) && (written?.GetValue<string>()) != KarteJson.Fingerprint(projection.Token(row)))
            {
                saved = projection.Apply(saved, fromRow);
            }
        }

        return identity(saved, fromRow);
    }

    private PartnerCompany Company(JsonObject row) =>
        Merge("Account", MapCompany(row), row, CompanyProjections(), (j, r) => j with { Id = r.Id, ModifiedAt = r.ModifiedAt });

    private PartnerRep Rep(JsonObject row) =>
        Merge("Contact", MapRep(row), row, RepProjections(), (j, r) => j with { Id = r.Id, ModifiedAt = r.ModifiedAt });

    private Proposal ProposalOf(JsonObject row, IReadOnlyDictionary<string, string> primaryContacts)
    {
        var withRep = (JsonObject)row.DeepClone();
        withRep[RepSlot] = primaryContacts.TryGetValue(Str(row, "Id")!, out var rep) ? rep : null;
        return Merge("Opportunity", MapProposal(row, primaryContacts), withRep, ProposalProjections(), (j, r) => j with { Id = r.Id, ModifiedAt = r.ModifiedAt });
    }

    private Interaction? InteractionOf(string obj, JsonObject row) =>
        MapInteraction(obj, row) is { } fromRow ? Merge(obj, fromRow, row, InteractionProjections(), (j, r) => j with { Id = r.Id, ModifiedAt = r.ModifiedAt }) : null;

    /// <summary>Maps Task or Event rows, first learning the karte ids of the contacts and opportunities they point at.</summary>
    private async Task<List<Interaction>> InteractionsAsync(string obj, IReadOnlyList<JsonObject> rows, CancellationToken cancellationToken)
    {
        await LearnAsync("Contact", rows.Select(r => Str(r, "WhoId")).OfType<string>().Where(w => w.StartsWith("003", StringComparison.Ordinal)).ToList(), cancellationToken).ConfigureAwait(false);
        await LearnAsync("Opportunity", rows.Select(r => Str(r, "WhatId")).OfType<string>().Where(w => w.StartsWith("006", StringComparison.Ordinal)).ToList(), cancellationToken).ConfigureAwait(false);
        await ResolveActivityOwnersAsync(rows, cancellationToken).ConfigureAwait(false);
        if (obj == "Task")
        {
            await LearnEmailsAsync(rows, cancellationToken).ConfigureAwait(false);
        }

        return rows.Select(r => InteractionOf(obj, r)).OfType<Interaction>().ToList();
    }

    /// <summary>What an EmailMessage says about the Task it is logged as.</summary>
    private sealed record EmailFacts(bool Incoming, DateTimeOffset? Sent, DateTimeOffset? RepliesTo);

    /// <summary>
    /// Reads the EmailMessage records of e-mail tasks (where the org has the object): EmailMessage.ActivityId is the Task,
    /// Incoming is true for a received e-mail, MessageDate is when it was sent, and ReplyToEmailMessageId the message it
    /// answers (Salesforce object reference, EmailMessage), so the initiator and a reply's latency come from the e-mail itself.
    /// </summary>
    private async Task LearnEmailsAsync(IReadOnlyList<JsonObject> rows, CancellationToken cancellationToken)
    {
        if (!_fields!.ContainsKey("EmailMessage"))
        {
            return;
        }

        var tasks = rows.Where(r => Str(r, "TaskSubtype") is "Email" or "ListEmail").Select(r => Str(r, "Id")).OfType<string>()
            .Where(id => !_emails.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        var found = new List<(string Task, bool Incoming, DateTimeOffset? Sent, string? ReplyTo)>();
        foreach (var chunk in tasks.Chunk(InListSize))
        {
            var soql = $"SELECT Id, ActivityId, Incoming, MessageDate, ReplyToEmailMessageId FROM EmailMessage WHERE ActivityId IN {Soql.InList(chunk)}";
            await foreach (var page in _client.QueryPagesAsync(soql, includeDeleted: false, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in page.OfType<JsonObject>())
                {
                    found.Add((Str(row, "ActivityId")!, row["Incoming"]?.GetValue<bool>() == true, ParseDateTime(row["MessageDate"]), Str(row, "ReplyToEmailMessageId")));
                }
            }
        }

        var answered = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        foreach (var chunk in found.Select(f => f.ReplyTo).OfType<string>().Distinct(StringComparer.Ordinal).Chunk(InListSize))
        {
            var soql = $"SELECT Id, MessageDate FROM EmailMessage WHERE Id IN {Soql.InList(chunk)}";
            await foreach (var page in _client.QueryPagesAsync(soql, includeDeleted: false, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in page.OfType<JsonObject>())
                {
                    answered[Str(row, "Id")!] = ParseDateTime(row["MessageDate"]);
                }
            }
        }

        foreach (var f in found)
        {
            _emails[f.Task] = new EmailFacts(f.Incoming, f.Sent, f.ReplyTo is { } to ? answered.GetValueOrDefault(to) : null);
        }
    }

    /// <summary>Channels recorded as Events (something with a start time and place); the rest become Tasks.</summary>
    private static bool IsEvent(InteractionChannel channel) =>
        channel is InteractionChannel.Meeting or InteractionChannel.WebMeeting or InteractionChannel.Event or InteractionChannel.Meal;

    private static string Subject(InteractionChannel channel) => channel switch
    {
        InteractionChannel.Meeting => "面談",
        InteractionChannel.WebMeeting => "Web会議",
        InteractionChannel.Call => "電話",
        InteractionChannel.Email => "メール",
        InteractionChannel.Chat => "チャット",
        InteractionChannel.Event => "イベント",
        InteractionChannel.Meal => "会食",
        _ => "その他",
    };

    private static string StageName(Proposal p) => p.Outcome switch
    {
        ProposalOutcome.Won => "Closed Won",
        ProposalOutcome.Lost => "Closed Lost",
        _ => p.Stage switch
        {
            ProposalStage.Qualified => "Qualification",
            ProposalStage.Proposal => "Proposal/Price Quote",
            ProposalStage.Negotiation => "Negotiation/Review",
            ProposalStage.Closed => "Closed Lost",
            _ => "Prospecting",
        },
    };

    /// <summary>
    /// Creates or updates the batch by external id through sObject Collections (200 records per call, one object
    /// type per call): Accounts, Contacts, Opportunities, OpportunityContactRoles, Tasks, Events, in that order.
    /// </summary>
    /// <param name="batch">The records.</param>
    /// <param name="cancellationToken">Cancels the write; records already committed stay committed.</param>
    /// <returns>One result per input record.</returns>
    /// <exception cref="SalesforceMappingException">The org lacks <c>PK_Karte__c</c> or the external id on a mapped object.</exception>
    public override async Task<IReadOnlyList<KarteUpsertResult>> UpsertKarteAsync(KarteRecordBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await ValidateUpsertMappingAsync(cancellationToken).ConfigureAwait(false);
        await ResolveOwnersAsync(
            batch.Companies.Select(c => c.OwnerId).Concat(batch.Reps.Select(r => r.OwnerId)).Concat(batch.Proposals.Select(p => p.OwnerId)).Concat(batch.Interactions.Select(i => i.UserId)),
            cancellationToken).ConfigureAwait(false);

        var results = new List<KarteUpsertResult>(batch.Count);
        var companies = await UpsertAsync("Account", batch.Companies.Select(c => (c.Id.Value, AccountBody(c))).ToList(), cancellationToken).ConfigureAwait(false);
        results.AddRange(companies.Select(r => r.ToResult(KarteRecordKind.Company)));

        var reps = await UpsertAsync("Contact", batch.Reps.Select(r => (r.Id.Value, ContactBody(r))).ToList(), cancellationToken).ConfigureAwait(false);
        results.AddRange(reps.Select(r => r.ToResult(KarteRecordKind.Rep)));

        var proposals = await UpsertAsync("Opportunity", batch.Proposals.Select(p => (p.Id.Value, OpportunityBody(p))).ToList(), cancellationToken).ConfigureAwait(false);
        var roles = batch.Proposals.Where(p => p.RepId is not null).Where(p => proposals.First(r => r.Key == p.Id.Value).Ok)
            .Select(p => (p.Id.Value, RoleBody(p))).ToList();
        var roleResults = (await UpsertAsync("OpportunityContactRole", roles, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Key, StringComparer.Ordinal);
        results.AddRange(proposals.Select(r => r.Ok && roleResults.TryGetValue(r.Key, out var role) && !role.Ok ? role.ToResult(KarteRecordKind.Proposal) : r.ToResult(KarteRecordKind.Proposal)));

        var events = batch.Interactions.Where(i => IsEvent(i.Channel)).ToList();
        var tasks = batch.Interactions.Where(i => !IsEvent(i.Channel)).ToList();
        // An interaction whose channel moved between Task and Event must not stay behind in the other object.
        await DeleteByKarteIdAsync("Task", events.Select(i => i.Id.Value).ToList(), cancellationToken).ConfigureAwait(false);
        await DeleteByKarteIdAsync("Event", tasks.Select(i => i.Id.Value).ToList(), cancellationToken).ConfigureAwait(false);
        var taskResults = await UpsertAsync("Task", tasks.Select(i => (i.Id.Value, ActivityBody(i, isEvent: false))).ToList(), cancellationToken).ConfigureAwait(false);
        var eventResults = await UpsertAsync("Event", events.Select(i => (i.Id.Value, ActivityBody(i, isEvent: true))).ToList(), cancellationToken).ConfigureAwait(false);
        results.AddRange(taskResults.Concat(eventResults).Select(r => r.ToResult(KarteRecordKind.Interaction)));
        return results;
    }

    private async Task ValidateUpsertMappingAsync(CancellationToken cancellationToken)
    {
        await ValidateMappingAsync(cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        foreach (var obj in UpsertObjects)
        {
            if (!_fields!.TryGetValue(obj, out var fields))
            {
                problems.Add($"{obj}: not accessible");
                continue;
            }

            if (!fields.Contains(Ext))
            {
                problems.Add($"{obj}.{Ext}: missing (the external id karte upserts go by)");
            }

            if (obj != "OpportunityContactRole" && (KarteField.Length == 0 || !fields.Contains(KarteField)))
            {
                problems.Add($"{obj}.{(KarteField.Length == 0 ? "Fields:KarteData" : KarteField)}: missing (the long-text field that keeps the whole karte record)");
            }
        }

        if (problems.Count > 0)
        {
            throw new SalesforceMappingException(problems);
        }
    }

    /// <summary>Finds the Salesforce User of each owner: by <c>FederationIdentifier</c>, or the value itself when it is a User Id.</summary>
    private async Task ResolveOwnersAsync(IEnumerable<UserId?> owners, CancellationToken cancellationToken)
    {
        var unknown = owners.OfType<UserId>().Select(u => u.Value).Where(v => v.Length > 0 && !_owners.ContainsKey(v)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in unknown.Chunk(InListSize))
        {
            var soql = $"SELECT Id, FederationIdentifier FROM User WHERE FederationIdentifier IN {Soql.InList(chunk)}";
            await foreach (var page in _client.QueryPagesAsync(soql, includeDeleted: false, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in page.OfType<JsonObject>())
                {
                    _owners[Str(row, "FederationIdentifier")!] = Str(row, "Id");
                }
            }

            foreach (var value in chunk)
            {
                _owners.TryAdd(value, LooksLikeSalesforceId(value) && value.StartsWith("005", StringComparison.Ordinal) ? value : null);
            }
        }
    }

    private void PutOwner(JsonObject body, UserId? owner)
    {
        // An owner with no Salesforce user is left to the org's default; the karte record keeps it.
        if (owner is { } o && _owners.TryGetValue(o.Value, out var sfId) && sfId is not null)
        {
            body["OwnerId"] = sfId;
        }
    }

    private void Put(JsonObject body, string obj, string field, object? value)
    {
        if (!Has(obj, field))
        {
            return;
        }

        body[field] = value switch
        {
            null => null,
            string s => s.Length == 0 ? null : JsonValue.Create(Fit(obj, field, s)),
            int i => JsonValue.Create(i),
            decimal d => JsonValue.Create(d),
            bool b => JsonValue.Create(b),
            DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            DateTimeOffset t => JsonValue.Create(t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>Cuts text to the field's length (the karte record keeps the full text), never inside a surrogate pair.</summary>
    private string Fit(string obj, string field, string text)
    {
        if (_lengths!.TryGetValue((obj, field), out var max) && max > 0 && text.Length > max)
        {
            var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
            return text[..cut];
        }

        return text;
    }

    private JsonObject Reference(string type, string karteId, bool polymorphic) => polymorphic
        ? new JsonObject { ["attributes"] = new JsonObject { ["type"] = type }, [Ext] = karteId }
        : new JsonObject { [Ext] = karteId };

    private static bool IsEmail(string? value) => value is { Length: > 2 } v && System.Text.RegularExpressions.Regex.IsMatch(v, @"^[^@\s""(),:;<>\[\]\\]+@[^@\s]+\.[^@\s]+$");

    private JsonObject AccountBody(PartnerCompany c)
    {
        var body = new JsonObject();
        Put(body, "Account", "Name", c.Name.Length == 0 ? "-" : c.Name);
        Put(body, "Account", "Industry", c.Profile.Industry);
        Put(body, "Account", "BillingState", c.Profile.Prefecture);
        Put(body, "Account", "NumberOfEmployees", c.Profile.EmployeeCount);
        Put(body, "Account", "AnnualRevenue", c.Profile.Revenue);
        Put(body, "Account", "Website", c.Profile.Domain);
        PutOwner(body, c.OwnerId);
        return Seal(body, c with { ModifiedAt = null }, CompanyProjections());
    }

    private JsonObject ContactBody(PartnerRep r)
    {
        var body = new JsonObject();
        Put(body, "Contact", "LastName", r.Name.FamilyName.Length == 0 ? "-" : r.Name.FamilyName);
        Put(body, "Contact", "FirstName", r.Name.GivenName);
        Put(body, "Contact", "Title", r.Title);
        Put(body, "Contact", "Department", r.Department);
        Put(body, "Contact", "Email", IsEmail(r.Email) && r.Email!.Length <= (_lengths!.GetValueOrDefault(("Contact", "Email"), 80)) ? r.Email : null);
        Put(body, "Contact", "Phone", r.Phone);
        if (r.CompanyId.Value.Length > 0)
        {
            body["Account"] = Reference("Account", r.CompanyId.Value, polymorphic: false);
        }
        else
        {
            body["AccountId"] = null;
        }

        PutOwner(body, r.OwnerId);
        return Seal(body, r with { ModifiedAt = null }, RepProjections());
    }

    private JsonObject OpportunityBody(Proposal p)
    {
        var body = new JsonObject();
        Put(body, "Opportunity", "Name", p.Offer.Length == 0 ? "-" : p.Offer);
        body["Account"] = Reference("Account", p.CompanyId.Value, polymorphic: false);
        Put(body, "Opportunity", "Amount", p.Amount);
        Put(body, "Opportunity", "PK_GrossProfit__c", p.GrossProfit);
        Put(body, "Opportunity", "StageName", StageName(p));
        Put(body, "Opportunity", "CloseDate", p.ClosedOn ?? p.CreatedOn.AddDays(90)); // required; an open deal gets an expected close
        PutOwner(body, p.OwnerId);
        var withRep = (JsonObject)body.DeepClone();
        withRep[RepSlot] = p.RepId?.Value;
        var sealedBody = Seal(withRep, p with { ModifiedAt = null }, ProposalProjections());
        sealedBody.Remove(RepSlot);
        return sealedBody;
    }

    private JsonObject RoleBody(Proposal p) => new()
    {
        ["Opportunity"] = Reference("Opportunity", p.Id.Value, polymorphic: false),
        ["Contact"] = Reference("Contact", p.RepId!.Value.Value, polymorphic: false),
        ["IsPrimary"] = true,
    };

    private JsonObject ActivityBody(Interaction i, bool isEvent)
    {
        var obj = isEvent ? "Event" : "Task";
        var body = new JsonObject();
        Put(body, obj, "Subject", Subject(i.Channel));
        Put(body, obj, "Description", i.Statements);
        if (isEvent)
        {
            Put(body, obj, "StartDateTime", i.OccurredAt);
            Put(body, obj, "EndDateTime", i.OccurredAt.AddHours(1));
            Put(body, obj, "DurationInMinutes", 60);
        }
        else
        {
            Put(body, obj, "ActivityDate", DateOnly.FromDateTime(i.OccurredAt.UtcDateTime));
            Put(body, obj, "Status", "Completed");
        }

        Put(body, obj, "PK_OccurredAt__c", i.OccurredAt);
        Put(body, obj, "PK_Channel__c", i.Channel.ToString());
        Put(body, obj, "PK_Initiator__c", i.Initiator.ToString());
        Put(body, obj, "PK_Reaction__c", i.Reaction.ToString());
        body["Who"] = Reference("Contact", i.RepId.Value, polymorphic: true);
        if (i.ProposalId is { } proposal)
        {
            body["What"] = Reference("Opportunity", proposal.Value, polymorphic: true);
        }
        else
        {
            body["WhatId"] = null;
        }

        PutOwner(body, i.UserId);
        return Seal(body, i with { ModifiedAt = null }, InteractionProjections());
    }

    /// <summary>Adds the <c>PK_Karte__c</c> envelope: the record and what each projection wrote.</summary>
    private JsonObject Seal<T>(JsonObject body, T record, IReadOnlyList<Projection<T>> projections)
    {
        var written = new JsonObject();
        foreach (var projection in projections)
        {
            if (projection.Keys.Any(body.ContainsKey))
            {
                written[projection.Name] = KarteJson.Fingerprint(projection.Token(body));
            }
        }

        body[KarteField] = KarteJson.Envelope(KarteJson.ToNode(record)!, written);
        return body;
    }

    private sealed record UpsertRow(string Key, bool Ok, bool Created, string? Code, string? Message)
    {
        public KarteUpsertResult ToResult(KarteRecordKind kind) =>
            new(kind, Key, Ok ? (Created ? UpsertOutcome.Created : UpsertOutcome.Updated) : UpsertOutcome.Failed, Ok ? null : Code, Ok ? null : Message);
    }

    /// <summary>Upserts by external id, 200 per call; per-record lock errors are retried with backoff, other errors returned.</summary>
    private async Task<List<UpsertRow>> UpsertAsync(string obj, List<(string Key, JsonObject Body)> records, CancellationToken cancellationToken)
    {
        var results = new List<UpsertRow>(records.Count);
        var pending = records;
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            var retry = new List<(string Key, JsonObject Body)>();
            foreach (var chunk in pending.Chunk(CollectionSize))
            {
                var array = new JsonArray();
                foreach (var (key, body) in chunk)
                {
                    var json = (JsonObject)body.DeepClone();
                    json["attributes"] = new JsonObject { ["type"] = obj };
                    json[Ext] = key;
                    array.Add(json);
                }

                var payload = new JsonObject { ["allOrNone"] = false, ["records"] = array }.ToJsonString();
                var response = await _client.SendOkAsync(HttpMethod.Patch, $"composite/sobjects/{obj}/{Ext}", payload, cancellationToken: cancellationToken).ConfigureAwait(false);
                var outcomes = response.Json() as JsonArray ?? [];
                for (var i = 0; i < chunk.Length; i++)
                {
                    var outcome = i < outcomes.Count ? outcomes[i] as JsonObject : null;
                    var key = chunk[i].Key;
                    if (outcome?["success"]?.GetValue<bool>() == true)
                    {
                        if (Str(outcome, "id") is { } sfId)
                        {
                            _sfIds[(obj, key)] = sfId;
                            _karteIds[sfId] = key;
                        }

                        results.Add(new UpsertRow(key, true, outcome["created"]?.GetValue<bool>() == true, null, null));
                        continue;
                    }

                    var error = (outcome?["errors"] as JsonArray)?.FirstOrDefault() as JsonObject;
                    var code = error?["statusCode"]?.GetValue<string>() ?? "NO_RESULT";
                    if (code is "UNABLE_TO_LOCK_ROW" or "UNKNOWN_EXCEPTION" or "SERVER_UNAVAILABLE" && attempt < _options.MaxRetries)
                    {
                        retry.Add(chunk[i]);
                    }
                    else
                    {
                        results.Add(new UpsertRow(key, false, false, code, $"{obj} {key}: {error?["message"]?.GetValue<string>() ?? "no result for the record"}"));
                    }
                }
            }

            if (retry.Count > 0)
            {
                _logger.LogWarning("{Count} {Object} upserts hit transient per-record errors; retrying them (attempt {Attempt}).", retry.Count, obj, attempt + 1);
                await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
            }

            pending = retry;
        }

        return results;
    }

    /// <summary>Deletes the records of <paramref name="obj"/> with these external ids, if any (one query per 200 ids).</summary>
    private async Task DeleteByKarteIdAsync(string obj, IReadOnlyList<string> karteIds, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        foreach (var chunk in karteIds.Chunk(InListSize))
        {
            // Task and Event only: queryAll, or an archived activity (365 days and older) would stay behind.
            var soql = $"SELECT Id FROM {obj} WHERE IsDeleted = false AND {Soql.Name(Ext)} IN {Soql.InList(chunk)}";
            await foreach (var page in _client.QueryPagesAsync(soql, includeDeleted: true, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                found.AddRange(page.OfType<JsonObject>().Select(r => Str(r, "Id")!));
            }
        }

        foreach (var chunk in found.Chunk(CollectionSize))
        {
            await _client.SendOkAsync(HttpMethod.Delete, $"composite/sobjects?allOrNone=false&ids={string.Join(',', chunk)}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
