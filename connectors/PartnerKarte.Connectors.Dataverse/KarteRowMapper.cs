using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Converts Dataverse rows to karte records and back, and enrichment records to column values.</summary>
internal sealed class KarteRowMapper(DataverseMapping m)
{
    public const int ChoiceBase = 100_000_000;
    private const string LookupTarget = "@Microsoft.Dynamics.CRM.lookuplogicalname";

    public IReadOnlyList<string> Columns(string table) => table switch
    {
        ColumnCatalog.Account => ["accountid", m.ExternalId, "name", "yominame", "accountnumber", "numberofemployees", "address1_stateorprovince",
            "address1_line1", "revenue", "websiteurl", "description", "_ownerid_value", "modifiedon", m.KarteData],
        ColumnCatalog.Contact => ["contactid", m.ExternalId, "lastname", "firstname", "yomilastname", "yomifirstname", "jobtitle", "department",
            "emailaddress1", "telephone1", "_parentcustomerid_value", "_ownerid_value", "statecode", "createdon", "modifiedon", m.KarteData],
        ColumnCatalog.Opportunity => ["opportunityid", m.ExternalId, "name", "estimatedvalue", m.ProposalGrossProfit, m.ProposalStage, "statecode",
            "createdon", "actualclosedate", "_parentaccountid_value", "_parentcontactid_value", "_ownerid_value", "modifiedon", m.KarteData],
        // phonecall and email carry directioncode (true = outgoing); appointment and task have no direction.
        "phonecall" or "email" => ["activityid", m.ExternalId, "subject", "description", "actualstart", "scheduledstart", "directioncode", m.InteractionChannel,
            m.InteractionInitiator, m.InteractionReaction, "_regardingobjectid_value", "_ownerid_value", "createdon", "modifiedon", m.KarteData],
        _ => ["activityid", m.ExternalId, "subject", "description", "actualstart", "scheduledstart", m.InteractionChannel, m.InteractionInitiator,
            m.InteractionReaction, "_regardingobjectid_value", "_ownerid_value", "createdon", "modifiedon", m.KarteData],
    };

    /// <summary>
    /// Who started an activity: the initiator column when set (0 us, 1 the rep, 2 not recorded); else, for a phone call
    /// or e-mail, the standard directioncode (Dataverse PhoneCall and Email tables: true = outgoing, so we started it;
    /// false = incoming, the rep did); else not recorded. Never "us" by default.
    /// </summary>
    private Initiator InitiatorOf(JsonObject row, string table) => Int(row, m.InteractionInitiator) switch
    {
        0 => Initiator.Us,
        1 => Initiator.Rep,
        _ when table is "phonecall" or "email" && row["directioncode"] is JsonValue d && d.GetValueKind() is JsonValueKind.True or JsonValueKind.False =>
            d.GetValue<bool>() ? Initiator.Us : Initiator.Rep,
        _ => Initiator.Unknown,
    };

    /// <summary>Standard columns the mapping relies on, checked at startup next to the custom ones.</summary>
    public static IReadOnlyList<(string Table, string Column)> StandardColumns =>
    [
        ("account", "name"), ("account", "yominame"), ("account", "accountnumber"), ("account", "numberofemployees"),
        ("contact", "lastname"), ("contact", "firstname"), ("contact", "yomilastname"), ("contact", "yomifirstname"), ("contact", "parentcustomerid"),
        ("opportunity", "estimatedvalue"), ("opportunity", "parentaccountid"), ("opportunity", "parentcontactid"), ("opportunity", "actualclosedate"),
        ("phonecall", "directioncode"), ("email", "directioncode"),
    ];

    public static Guid? Lookup(JsonObject row, string lookup, string? target)
    {
        var p = "_" + lookup + "_value";
        if (row[p] is not JsonValue v || !Guid.TryParse(v.GetValue<string>(), out var g))
        {
            return null;
        }

        return target is null || row[p + LookupTarget]?.GetValue<string>() is not { } t || t == target ? g : null;
    }

    public static string? Str(JsonObject row, string name) => row[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static decimal? Dec(JsonObject row, string name) => row[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<decimal>() : null;

    public static int? Int(JsonObject row, string name) => row[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (int)v.GetValue<decimal>() : null;

    public static DateTimeOffset? Time(JsonObject row, string name) =>
        Str(row, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static DateOnly? Date(JsonObject row, string name) =>
        Str(row, name) is { Length: >= 10 } s && DateOnly.TryParseExact(s[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static Guid Id(JsonObject row, string table) => Guid.Parse(row[LookupCache.KeyOf(table)]!.GetValue<string>());

    private UserId? Owner(JsonObject row, LookupCache cache) => Lookup(row, "ownerid", null) is { } o ? cache.User(o) : null;

    public string KarteId(JsonObject row, string table) => Str(row, m.ExternalId) ?? Id(row, table).ToString();

    // ---------- reads ----------
    // A row PartnerKarte wrote carries the whole record in the KarteData column plus the column values it wrote next to it.
    // The record comes back from there exactly; a column whose value differs from what was written was edited in the CRM,
    // and the CRM's value wins for that field (ModifiedAt then becomes the row's modifiedon). Rows without the document
    // (created by CRM users) are read from the columns alone.

    public PartnerCompany ToCompany(JsonObject row, LookupCache cache)
    {
        var crm = CompanyFromColumns(row, cache);
        if (Envelope(row, "company", KarteJson.ToCompany) is not { } env)
        {
            return crm;
        }

        var (c, x) = env;

        c = c with
        {
            Id = crm.Id,
            Name = x.Pick("name", c.Name, crm.Name),
            NameKana = x.Pick("yominame", c.NameKana, crm.NameKana),
            CorporateNumber = x.Pick("accountnumber", c.CorporateNumber, crm.CorporateNumber),
            Profile = c.Profile with
            {
                EmployeeCount = x.Pick("numberofemployees", c.Profile.EmployeeCount, crm.Profile.EmployeeCount),
                Prefecture = x.Pick("address1_stateorprovince", c.Profile.Prefecture, crm.Profile.Prefecture),
                Address = x.Pick("address1_line1", c.Profile.Address, crm.Profile.Address),
                Revenue = x.Pick("revenue", c.Profile.Revenue, crm.Profile.Revenue),
                Domain = x.Pick("websiteurl", c.Profile.Domain, crm.Profile.Domain),
            },
            BusinessPolicy = x.Pick("description", c.BusinessPolicy, crm.BusinessPolicy),
            OwnerId = x.Owner(c.OwnerId, crm.OwnerId),
        };
        return x.Edited ? c with { ModifiedAt = crm.ModifiedAt } : c;
    }

    private PartnerCompany CompanyFromColumns(JsonObject row, LookupCache cache) => new()
    {
        Id = new CompanyId(KarteId(row, "account")),
        Name = Str(row, "name") ?? string.Empty,
        NameKana = Str(row, "yominame"),
        CorporateNumber = Str(row, "accountnumber"),
        Profile = new CompanyProfile
        {
            EmployeeCount = Int(row, "numberofemployees"),
            Prefecture = Str(row, "address1_stateorprovince"),
            Address = Str(row, "address1_line1"),
            Revenue = Dec(row, "revenue"),
            Domain = Str(row, "websiteurl"),
        },
        BusinessPolicy = Str(row, "description"),
        OwnerId = Owner(row, cache),
        ModifiedAt = Time(row, "modifiedon"),
    };

    public PartnerRep? ToRep(JsonObject row, LookupCache cache)
    {
        var envelope = Envelope(row, "rep", KarteJson.ToRep);
        var crm = RepFromColumns(row, cache, envelope?.Record.CompanyId);
        if (crm is null || envelope is not { } env)
        {
            return crm;
        }

        var (r, x) = env;

        r = r with
        {
            Id = crm.Id,
            CompanyId = x.PickLookup(r.CompanyId, Lookup(row, "parentcustomerid", "account") is { } a ? new CompanyId(cache.KarteId("account", a)) : null),
            Name = new PersonName(
                x.Pick("lastname", r.Name.FamilyName, crm.Name.FamilyName),
                x.Pick("firstname", r.Name.GivenName, crm.Name.GivenName),
                x.Pick("yomilastname", r.Name.FamilyNameKana, crm.Name.FamilyNameKana),
                x.Pick("yomifirstname", r.Name.GivenNameKana, crm.Name.GivenNameKana)),
            Title = x.Pick("jobtitle", r.Title, crm.Title),
            Department = x.Pick("department", r.Department, crm.Department),
            Email = x.Pick("emailaddress1", r.Email, crm.Email),
            Phone = x.Pick("telephone1", r.Phone, crm.Phone),
            Status = x.Pick("statecode", r.Status, crm.Status),
            OwnerId = x.Owner(r.OwnerId, crm.OwnerId),
        };
        return x.Edited ? r with { ModifiedAt = crm.ModifiedAt } : r;
    }

    private PartnerRep? RepFromColumns(JsonObject row, LookupCache cache, CompanyId? fallback)
    {
        CompanyId company;
        if (Lookup(row, "parentcustomerid", "account") is { } account)
        {
            company = new CompanyId(cache.KarteId("account", account));
        }
        else if (fallback is { } f)
        {
            company = f;
        }
        else
        {
            return null; // a contact without a partner company is not a partner rep
        }

        var since = Time(row, "createdon") is { } c ? DateOnly.FromDateTime(c.UtcDateTime) : DateOnly.MinValue;
        return new PartnerRep
        {
            Id = new RepId(KarteId(row, "contact")),
            CompanyId = company,
            Name = new PersonName(Str(row, "lastname") ?? string.Empty, Str(row, "firstname") ?? string.Empty, Str(row, "yomilastname"), Str(row, "yomifirstname")),
            Title = Str(row, "jobtitle"),
            Department = Str(row, "department"),
            Email = Str(row, "emailaddress1"),
            Phone = Str(row, "telephone1"),
            OwnerId = Owner(row, cache),
            Status = Int(row, "statecode") == 1 ? RepStatus.Left : RepStatus.Active,
            Employment = [new EmploymentEpisode(company, Str(row, "jobtitle"), Str(row, "department"), since)],
            ModifiedAt = Time(row, "modifiedon"),
        };
    }

    public Proposal? ToProposal(JsonObject row, LookupCache cache)
    {
        var envelope = Envelope(row, "proposal", KarteJson.ToProposal);
        var crm = ProposalFromColumns(row, cache, envelope?.Record.CompanyId);
        if (crm is null || envelope is not { } env)
        {
            return crm;
        }

        var (p, x) = env;

        var state = Int(row, "statecode");
        p = p with
        {
            Id = crm.Id,
            CompanyId = x.PickLookup(p.CompanyId, Lookup(row, "parentaccountid", null) is { } a ? new CompanyId(cache.KarteId("account", a)) : null),
            RepId = x.PickOptional(p.RepId, crm.RepId),
            Offer = x.Pick("name", p.Offer, crm.Offer),
            Amount = x.Pick("estimatedvalue", p.Amount, crm.Amount),
            GrossProfit = x.Pick(m.ProposalGrossProfit, p.GrossProfit, crm.GrossProfit),
            Stage = x.Pick(m.ProposalStage, p.Stage, crm.Stage),
            ClosedOn = x.Pick("actualclosedate", p.ClosedOn, crm.ClosedOn),

            // PartnerKarte does not close opportunities (Dataverse closes them with WinOpportunity/LoseOpportunity);
            // one closed in the CRM differently from the karte wins.
            Outcome = state is 1 or 2 && crm.Outcome != p.Outcome ? x.Edit(crm.Outcome) : p.Outcome,
            OwnerId = x.Owner(p.OwnerId, crm.OwnerId),
        };
        return x.Edited ? p with { ModifiedAt = crm.ModifiedAt } : p;
    }

    private Proposal? ProposalFromColumns(JsonObject row, LookupCache cache, CompanyId? fallback)
    {
        CompanyId company;
        if (Lookup(row, "parentaccountid", null) is { } account)
        {
            company = new CompanyId(cache.KarteId("account", account));
        }
        else if (fallback is { } f)
        {
            company = f;
        }
        else
        {
            return null;
        }

        var state = Int(row, "statecode");
        return new Proposal
        {
            Id = new ProposalId(KarteId(row, "opportunity")),
            CompanyId = company,
            RepId = Lookup(row, "parentcontactid", null) is { } rep ? new RepId(cache.KarteId("contact", rep)) : null,
            OwnerId = Owner(row, cache),
            Offer = Str(row, "name") ?? string.Empty,
            Amount = Dec(row, "estimatedvalue") ?? 0m,
            GrossProfit = Dec(row, m.ProposalGrossProfit),
            Stage = Int(row, m.ProposalStage) is { } st && Enum.IsDefined((ProposalStage)st) ? (ProposalStage)st : (state is 1 or 2 ? ProposalStage.Closed : ProposalStage.Lead),
            Outcome = state switch { 1 => ProposalOutcome.Won, 2 => ProposalOutcome.Lost, _ => ProposalOutcome.Open },
            CreatedOn = Time(row, "createdon") is { } c ? DateOnly.FromDateTime(c.UtcDateTime) : DateOnly.MinValue,
            ClosedOn = Date(row, "actualclosedate"),
            ModifiedAt = Time(row, "modifiedon"),
        };
    }

    /// <summary>Whether an activity row is a handover task PartnerKarte created (not an interaction with a rep).</summary>
    public bool IsHandoverTask(JsonObject row) => Str(row, m.KarteData) is { } text && text.Contains("\"kind\":\"task\"", StringComparison.Ordinal);

    public Interaction? ToInteraction(JsonObject row, string table, LookupCache cache)
    {
        if (IsHandoverTask(row))
        {
            return null;
        }

        var envelope = Envelope(row, "interaction", KarteJson.ToInteraction);
        var crm = InteractionFromColumns(row, table, cache, envelope?.Record.RepId);
        if (crm is null || envelope is not { } env)
        {
            return crm;
        }

        var (i, x) = env;

        i = i with
        {
            Id = crm.Id,
            RepId = x.PickLookup(i.RepId, Lookup(row, "regardingobjectid", "contact") is { } c ? new RepId(cache.KarteId("contact", c)) : null),
            OccurredAt = x.Pick("actualstart", i.OccurredAt, crm.OccurredAt),
            Channel = x.Pick(m.InteractionChannel, i.Channel, crm.Channel),
            Initiator = x.Pick(m.InteractionInitiator, i.Initiator, crm.Initiator),
            Reaction = x.Pick(m.InteractionReaction, i.Reaction, crm.Reaction),
            Statements = x.Pick("description", i.Statements, crm.Statements),
            UserId = x.Owner(i.UserId, crm.UserId),
        };
        return x.Edited ? i with { ModifiedAt = crm.ModifiedAt } : i;
    }

    private Interaction? InteractionFromColumns(JsonObject row, string table, LookupCache cache, RepId? fallback)
    {
        RepId rep;
        if (Lookup(row, "regardingobjectid", "contact") is { } contact)
        {
            rep = new RepId(cache.KarteId("contact", contact));
        }
        else if (fallback is { } f)
        {
            rep = f;
        }
        else
        {
            return null; // only activities regarding a contact are interactions with a rep
        }

        var channel = Int(row, m.InteractionChannel) is { } ch && Enum.IsDefined((InteractionChannel)ch) ? (InteractionChannel)ch : DefaultChannel(table);
        return new Interaction
        {
            Id = new InteractionId(KarteId(row, table)),
            RepId = rep,
            OccurredAt = Time(row, "actualstart") ?? Time(row, "scheduledstart") ?? Time(row, "createdon") ?? DateTimeOffset.MinValue,
            Channel = channel,
            Initiator = InitiatorOf(row, table),
            Reaction = Int(row, m.InteractionReaction) is { } r && Enum.IsDefined((Reaction)r) ? (Reaction)r : Reaction.Unknown,
            Statements = Str(row, "description"),
            UserId = Owner(row, cache),
            ModifiedAt = Time(row, "modifiedon"),
        };
    }

    /// <summary>The record in the KarteData column and a merger for the row's columns, or null when the row has none (or a damaged one).</summary>
    private (T Record, ColumnMerge Merge)? Envelope<T>(JsonObject row, string kind, Func<JsonObject, T> read)
    {
        if (Str(row, m.KarteData) is not { Length: > 0 } text)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(text) is JsonObject o && o["kind"]?.GetValue<string>() == kind && o["record"] is JsonObject record)
            {
                return (read(record), new ColumnMerge(row, o["columns"] as JsonObject ?? [], Str(o, "owner")));
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            // Edited by hand into something else: the columns are what is left, as for a row a CRM user created.
        }

        return null;
    }

    /// <summary>Chooses per field between the karte document and the row's column (the CRM wins where a user changed the column).</summary>
    private sealed class ColumnMerge(JsonObject row, JsonObject written, string? writtenOwner)
    {
        public bool Edited { get; private set; }

        public T Pick<T>(string column, T kept, T fromColumn)
        {
            if (!written.ContainsKey(column) || SameValue(row[column], written[column]))
            {
                return kept;
            }

            return Edit(fromColumn);
        }

        public T Edit<T>(T value)
        {
            Edited = true;
            return value;
        }

        public T PickLookup<T>(T kept, T? fromColumn)
            where T : struct =>
            fromColumn is { } v && !EqualityComparer<T>.Default.Equals(v, kept) ? Edit(v) : kept;

        public T? PickOptional<T>(T? kept, T? fromColumn)
            where T : struct =>
            Nullable.Equals(kept, fromColumn) ? kept : Edit(fromColumn);

        public UserId? Owner(UserId? kept, UserId? fromColumn) =>
            writtenOwner is null || string.Equals(Str(row, "_ownerid_value"), writtenOwner, StringComparison.OrdinalIgnoreCase) ? kept : Edit(fromColumn);
    }

    /// <summary>Equality of a stored column value and the value written: numbers by value, date-times by instant, text exactly.</summary>
    internal static bool SameValue(JsonNode? stored, JsonNode? written)
    {
        if (stored is null || written is null)
        {
            return stored is null && written is null;
        }

        if (stored is JsonValue a && written is JsonValue b)
        {
            var (ka, kb) = (a.GetValueKind(), b.GetValueKind());
            if (ka == JsonValueKind.Number && kb == JsonValueKind.Number)
            {
                return a.GetValue<decimal>() == b.GetValue<decimal>();
            }

            if (ka == JsonValueKind.String && kb == JsonValueKind.String)
            {
                var (sa, sb) = (a.GetValue<string>(), b.GetValue<string>());
                return sa == sb || (sa.Length > 10 && sb.Length > 10
                    && DateTimeOffset.TryParse(sa, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ta)
                    && DateTimeOffset.TryParse(sb, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var tb)
                    && ta == tb);
            }
        }

        return JsonNode.DeepEquals(stored, written);
    }

    public static InteractionChannel DefaultChannel(string table) => table switch
    {
        "phonecall" => InteractionChannel.Call,
        "email" => InteractionChannel.Email,
        "appointment" => InteractionChannel.Meeting,
        _ => InteractionChannel.Other,
    };

    public static string TableFor(InteractionChannel channel) => channel switch
    {
        InteractionChannel.Call => "phonecall",
        InteractionChannel.Email => "email",
        InteractionChannel.Meeting or InteractionChannel.WebMeeting or InteractionChannel.Meal or InteractionChannel.Event => "appointment",
        _ => "task",
    };

    // ---------- writes ----------

    public string Ref(string table, string karteId) => "/" + LookupCache.SetOf(table) + "(" + ODataLiteral.Key(m.ExternalId, karteId) + ")";

    // ---------- writes ----------
    // Standard columns get what they can hold (text cut to the column's length, money rounded to cents, empty text as
    // null); the KarteData column gets the whole record and those column values, so reads can tell CRM edits apart.

    public JsonObject CompanyBody(PartnerCompany c, Guid? owner) => Body(
        new JsonObject
        {
            ["name"] = Fit(c.Name, 160),
            ["yominame"] = Fit(c.NameKana, 160),
            ["accountnumber"] = Fit(c.CorporateNumber, 20),
            ["numberofemployees"] = c.Profile.EmployeeCount is >= 0 ? c.Profile.EmployeeCount : null,
            ["address1_stateorprovince"] = Fit(c.Profile.Prefecture, 50),
            ["address1_line1"] = Fit(c.Profile.Address, 250),
            ["revenue"] = Money(c.Profile.Revenue),
            ["websiteurl"] = Fit(c.Profile.Domain, 200),
            ["description"] = Fit(c.BusinessPolicy, 2000),
        },
        "company",
        KarteJson.Company(c),
        c.Id.Value,
        owner);

    public JsonObject RepBody(PartnerRep r, Guid? owner)
    {
        var state = r.Status is RepStatus.Left or RepStatus.Transferred ? 1 : 0;
        var body = Body(
            new JsonObject
            {
                ["lastname"] = Fit(r.Name.FamilyName, 50),
                ["firstname"] = Fit(r.Name.GivenName, 50),
                ["yomilastname"] = Fit(r.Name.FamilyNameKana, 150),
                ["yomifirstname"] = Fit(r.Name.GivenNameKana, 150),
                ["jobtitle"] = Fit(r.Title, 100),
                ["department"] = Fit(r.Department, 100),
                ["emailaddress1"] = Fit(r.Email, 100),
                ["telephone1"] = Fit(r.Phone, 50),
                ["statecode"] = state,
            },
            "rep",
            KarteJson.Rep(r),
            r.Id.Value,
            owner);
        body["statuscode"] = state == 1 ? 2 : 1;
        body["parentcustomerid_account@odata.bind"] = Ref("account", r.CompanyId.Value);
        return body;
    }

    public JsonObject ProposalBody(Proposal p, Guid? owner)
    {
        var body = Body(
            new JsonObject
            {
                ["name"] = Fit(p.Offer, 300),
                ["estimatedvalue"] = Money(p.Amount),
                [m.ProposalGrossProfit] = Money(p.GrossProfit),
                [m.ProposalStage] = (int)p.Stage,
                ["actualclosedate"] = p.ClosedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            "proposal",
            KarteJson.Proposal(p),
            p.Id.Value,
            owner);
        body["parentaccountid@odata.bind"] = Ref("account", p.CompanyId.Value);
        body["parentcontactid@odata.bind"] = p.RepId is { } rep ? Ref("contact", rep.Value) : null;
        return body;
    }

    public JsonObject InteractionBody(Interaction i, string table, Guid? owner)
    {
        var statements = Fit(i.Statements, 2000);
        var body = Body(
            new JsonObject
            {
                ["description"] = statements,
                ["actualstart"] = ODataLiteral.DateTime(i.OccurredAt),
                [m.InteractionChannel] = (int)i.Channel,
                [m.InteractionInitiator] = (int)i.Initiator,
                [m.InteractionReaction] = (int)i.Reaction,
            },
            "interaction",
            KarteJson.Interaction(i),
            i.Id.Value,
            owner);
        body["subject"] = Fit(statements, 200) ?? i.Channel.ToString();
        body[$"regardingobjectid_contact_{table}@odata.bind"] = Ref("contact", i.RepId.Value);
        return body;
    }

    /// <summary>A handover task: a task activity regarding the record, marked so reads do not take it for an interaction.</summary>
    public JsonObject TaskBody(ConnectorOperation op, string regardingTable, Guid? owner)
    {
        var document = new JsonObject
        {
            ["v"] = 1,
            ["kind"] = "task",
            ["operationId"] = op.OperationId,
            ["recordKind"] = op.RecordKind.ToString(),
            ["recordId"] = op.RecordId,
            ["owner"] = op.OwnerId?.Value,
        };
        var body = new JsonObject
        {
            ["subject"] = Fit(op.Subject, 200),
            ["description"] = Fit(op.Description, 2000),
            ["scheduledend"] = op.Date is { } due ? ODataLiteral.DateTime(new DateTimeOffset(due.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)) : null,
            [m.KarteData] = document.ToJsonString(JsonText),
            [$"regardingobjectid_{regardingTable}_task@odata.bind"] = Ref(regardingTable, op.RecordId),
        };
        if (owner is { } o)
        {
            body["ownerid@odata.bind"] = "/systemusers(" + o + ")";
        }

        return body;
    }

    private static readonly JsonSerializerOptions JsonText = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    private JsonObject Body(JsonObject columns, string kind, JsonObject record, string id, Guid? owner)
    {
        var document = new JsonObject
        {
            ["v"] = 1,
            ["kind"] = kind,
            ["record"] = record,
            ["columns"] = columns.DeepClone(),
            ["owner"] = owner?.ToString(),
        };
        var body = (JsonObject)columns.DeepClone();
        body[m.ExternalId] = id;
        body[m.KarteData] = document.ToJsonString(JsonText);
        if (owner is { } o)
        {
            body["ownerid@odata.bind"] = "/systemusers(" + o + ")";
        }

        return body;
    }

    /// <summary>Text as a column of <paramref name="max"/> characters holds it: empty as null, longer cut (never inside a surrogate pair).</summary>
    internal static string? Fit(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length <= max)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut];
    }

    /// <summary>Money as Dataverse stores it: cents, within its range (outside it the column stays empty; the document keeps the value).</summary>
    internal static decimal? Money(decimal? value) =>
        value is { } v && Math.Abs(v) <= 922_337_203_685m ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>The option values the connector writes into a choice column of the mapping.</summary>
    public static IEnumerable<int> ChoiceValues(string column, DataverseMapping mapping) =>
        column == mapping.Rep.TrustRank ? Enum.GetValues<TrustRank>().Select(v => ChoiceBase + (int)v)
        : column == mapping.Rep.FollowUpPriority ? Enum.GetValues<FollowUpPriority>().Select(v => ChoiceBase + (int)v)
        : [];

    public JsonObject EnrichmentBody(EnrichmentRecord r) => r.Target == EnrichmentTarget.Rep
        ? new JsonObject
        {
            [m.Rep.TrustScore] = ToDecimal(r.TrustScore),
            [m.Rep.TrustRank] = r.TrustRank is { } rank ? ChoiceBase + (int)rank : null,
            [m.Rep.TrustConfidence] = ToDecimal(r.TrustConfidence),
            [m.Rep.TrustTrend] = ToDecimal(r.TrustTrend),
            [m.Rep.LastContactDate] = r.LastContactDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [m.Rep.FollowUpPriority] = r.FollowUpPriority is { } p ? ChoiceBase + (int)p : null,
            [m.Rep.TrustReasons] = r.TrustReasons,
        }
        : new JsonObject
        {
            [m.Company.DealCount] = r.DealCount,
            [m.Company.WonCount] = r.WonCount,
            [m.Company.WinRate] = ToDecimal(r.WinRatePercent),
            [m.Company.Revenue] = r.Revenue,
            [m.Company.GrossProfit] = r.GrossProfit,
            [m.Company.KarteCompleteness] = ToDecimal(r.KarteCompletenessPercent),
            [m.Company.ContractAlert] = r.ContractAlert,
        };

    /// <summary>Reads enrichment values back from a row (used by tests and by <c>doctor</c>).</summary>
    public EnrichmentRecord EnrichmentFrom(EnrichmentKey key, JsonObject row)
    {
        double? D(string c) => Dec(row, c) is { } d ? (double)d : null;
        if (key.Target == EnrichmentTarget.Rep)
        {
            return new EnrichmentRecord
            {
                Target = key.Target,
                Id = key.Id,
                TrustScore = D(m.Rep.TrustScore),
                TrustRank = Int(row, m.Rep.TrustRank) is { } rank ? (TrustRank)(rank - ChoiceBase) : null,
                TrustConfidence = D(m.Rep.TrustConfidence),
                TrustTrend = D(m.Rep.TrustTrend),
                LastContactDate = Date(row, m.Rep.LastContactDate),
                FollowUpPriority = Int(row, m.Rep.FollowUpPriority) is { } p ? (FollowUpPriority)(p - ChoiceBase) : null,
                TrustReasons = Str(row, m.Rep.TrustReasons),
            };
        }

        return new EnrichmentRecord
        {
            Target = key.Target,
            Id = key.Id,
            DealCount = Int(row, m.Company.DealCount),
            WonCount = Int(row, m.Company.WonCount),
            WinRatePercent = D(m.Company.WinRate),
            Revenue = Dec(row, m.Company.Revenue),
            GrossProfit = Dec(row, m.Company.GrossProfit),
            KarteCompletenessPercent = D(m.Company.KarteCompleteness),
            ContractAlert = Str(row, m.Company.ContractAlert),
        };
    }

    private static decimal? ToDecimal(double? value) => value is double d && double.IsFinite(d) ? (decimal)d : null;
}
