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
            "address1_line1", "revenue", "websiteurl", "description", "_ownerid_value", "modifiedon"],
        ColumnCatalog.Contact => ["contactid", m.ExternalId, "lastname", "firstname", "yomilastname", "yomifirstname", "jobtitle", "department",
            "emailaddress1", "telephone1", "_parentcustomerid_value", "_ownerid_value", "statecode", "createdon", "modifiedon"],
        ColumnCatalog.Opportunity => ["opportunityid", m.ExternalId, "name", "estimatedvalue", m.ProposalGrossProfit, m.ProposalStage, "statecode",
            "createdon", "actualclosedate", "_parentaccountid_value", "_parentcontactid_value", "_ownerid_value", "modifiedon"],
        _ => ["activityid", m.ExternalId, "subject", "description", "actualstart", "scheduledstart", m.InteractionChannel, m.InteractionInitiator,
            m.InteractionReaction, "_regardingobjectid_value", "_ownerid_value", "createdon", "modifiedon"],
    };

    /// <summary>Standard columns the mapping relies on, checked at startup next to the custom ones.</summary>
    public static IReadOnlyList<(string Table, string Column)> StandardColumns =>
    [
        ("account", "name"), ("account", "yominame"), ("account", "accountnumber"), ("account", "numberofemployees"),
        ("contact", "lastname"), ("contact", "firstname"), ("contact", "yomilastname"), ("contact", "yomifirstname"), ("contact", "parentcustomerid"),
        ("opportunity", "estimatedvalue"), ("opportunity", "parentaccountid"), ("opportunity", "parentcontactid"), ("opportunity", "actualclosedate"),
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

    public PartnerCompany ToCompany(JsonObject row, LookupCache cache) => new()
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
        if (Lookup(row, "parentcustomerid", "account") is not { } account)
        {
            return null; // a contact without a partner company is not a partner rep
        }

        var company = new CompanyId(cache.KarteId("account", account));
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
        if (Lookup(row, "parentaccountid", null) is not { } account)
        {
            return null;
        }

        var state = Int(row, "statecode");
        return new Proposal
        {
            Id = new ProposalId(KarteId(row, "opportunity")),
            CompanyId = new CompanyId(cache.KarteId("account", account)),
            RepId = Lookup(row, "parentcontactid", null) is { } rep ? new RepId(cache.KarteId("contact", rep)) : null,
            OwnerId = Owner(row, cache),
            Offer = Str(row, "name") ?? string.Empty,
            Amount = Dec(row, "estimatedvalue") ?? 0m,
            GrossProfit = Dec(row, m.ProposalGrossProfit) ?? 0m,
            Stage = Int(row, m.ProposalStage) is { } st && Enum.IsDefined((ProposalStage)st) ? (ProposalStage)st : (state is 1 or 2 ? ProposalStage.Closed : ProposalStage.Lead),
            Outcome = state switch { 1 => ProposalOutcome.Won, 2 => ProposalOutcome.Lost, _ => ProposalOutcome.Open },
            CreatedOn = Time(row, "createdon") is { } c ? DateOnly.FromDateTime(c.UtcDateTime) : DateOnly.MinValue,
            ClosedOn = Date(row, "actualclosedate"),
            ModifiedAt = Time(row, "modifiedon"),
        };
    }

    public Interaction? ToInteraction(JsonObject row, string table, LookupCache cache)
    {
        if (Lookup(row, "regardingobjectid", "contact") is not { } contact)
        {
            return null; // only activities regarding a contact are interactions with a rep
        }

        var channel = Int(row, m.InteractionChannel) is { } ch && Enum.IsDefined((InteractionChannel)ch) ? (InteractionChannel)ch : DefaultChannel(table);
        return new Interaction
        {
            Id = new InteractionId(KarteId(row, table)),
            RepId = new RepId(cache.KarteId("contact", contact)),
            OccurredAt = Time(row, "actualstart") ?? Time(row, "scheduledstart") ?? Time(row, "createdon") ?? DateTimeOffset.MinValue,
            Channel = channel,
            Initiator = Int(row, m.InteractionInitiator) is 1 ? Initiator.Rep : Initiator.Us,
            Reaction = Int(row, m.InteractionReaction) is { } r && Enum.IsDefined((Reaction)r) ? (Reaction)r : Reaction.Unknown,
            Statements = Str(row, "description"),
            UserId = Owner(row, cache),
            ModifiedAt = Time(row, "modifiedon"),
        };
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

    public JsonObject CompanyBody(PartnerCompany c) => new()
    {
        ["name"] = c.Name,
        ["yominame"] = c.NameKana,
        ["accountnumber"] = c.CorporateNumber,
        ["numberofemployees"] = c.Profile.EmployeeCount,
        ["address1_stateorprovince"] = c.Profile.Prefecture,
        ["address1_line1"] = c.Profile.Address,
        ["revenue"] = c.Profile.Revenue,
        ["websiteurl"] = c.Profile.Domain,
        ["description"] = c.BusinessPolicy,
    };

    public JsonObject RepBody(PartnerRep r) => new()
    {
        ["lastname"] = r.Name.FamilyName,
        ["firstname"] = r.Name.GivenName,
        ["yomilastname"] = r.Name.FamilyNameKana,
        ["yomifirstname"] = r.Name.GivenNameKana,
        ["jobtitle"] = r.Title,
        ["department"] = r.Department,
        ["emailaddress1"] = r.Email,
        ["telephone1"] = r.Phone,
        ["parentcustomerid_account@odata.bind"] = Ref("account", r.CompanyId.Value),
    };

    public JsonObject ProposalBody(Proposal p)
    {
        var o = new JsonObject
        {
            ["name"] = p.Offer,
            ["estimatedvalue"] = p.Amount,
            [m.ProposalGrossProfit] = p.GrossProfit,
            [m.ProposalStage] = (int)p.Stage,
            ["actualclosedate"] = p.ClosedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["parentaccountid@odata.bind"] = Ref("account", p.CompanyId.Value),
        };
        o["parentcontactid@odata.bind"] = p.RepId is { } rep ? Ref("contact", rep.Value) : null;
        return o;
    }

    public JsonObject InteractionBody(Interaction i, string table)
    {
        var statements = i.Statements;
        return new JsonObject
        {
            ["subject"] = statements is { Length: > 0 } ? statements[..Math.Min(200, statements.Length)] : i.Channel.ToString(),
            ["description"] = statements,
            ["actualstart"] = ODataLiteral.DateTime(i.OccurredAt),
            [m.InteractionChannel] = (int)i.Channel,
            [m.InteractionInitiator] = (int)i.Initiator,
            [m.InteractionReaction] = (int)i.Reaction,
            [$"regardingobjectid_contact_{table}@odata.bind"] = Ref("contact", i.RepId.Value),
        };
    }

    public JsonObject EnrichmentBody(EnrichmentRecord r) => r.Target == EnrichmentTarget.Rep
        ? new JsonObject
        {
            [m.Rep.TrustScore] = ToDecimal(r.TrustScore),
            [m.Rep.TrustRank] = r.TrustRank is { } rank ? ChoiceBase + (int)rank : null,
            [m.Rep.TrustConfidence] = ToDecimal(r.TrustConfidence),
            [m.Rep.TrustTrend] = ToDecimal(r.TrustTrend),
            [m.Rep.LastContactDate] = r.LastContactDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [m.Rep.FollowUpPriority] = r.FollowUpPriority is { } p ? ChoiceBase + (int)p : null,
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
