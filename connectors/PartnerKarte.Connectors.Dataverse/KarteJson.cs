using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerKarte.Karte;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>
/// The lossless form of a karte record kept in the <see cref="DataverseMapping.KarteData"/> column: every field of the record
/// (employment episodes, tags, personality, custom karte items, contract, next action, ...), so what a migration writes comes
/// back field by field even where Dataverse has no column for it or a shorter one. Explicit property names keep the format
/// stable across refactorings of the domain types.
/// </summary>
internal static class KarteJson
{
    private const string DateFormat = "yyyy-MM-dd";

    // ---------- writing ----------

    public static JsonObject Company(PartnerCompany c) => new()
    {
        ["id"] = c.Id.Value,
        ["name"] = c.Name,
        ["nameKana"] = c.NameKana,
        ["corporateNumber"] = c.CorporateNumber,
        ["profile"] = new JsonObject
        {
            ["industry"] = c.Profile.Industry,
            ["prefecture"] = c.Profile.Prefecture,
            ["address"] = c.Profile.Address,
            ["employeeCount"] = c.Profile.EmployeeCount,
            ["yearFounded"] = c.Profile.YearFounded,
            ["revenue"] = c.Profile.Revenue,
            ["capital"] = c.Profile.Capital,
            ["fiscalClosingMonth"] = c.Profile.FiscalClosingMonth,
            ["existingCustomerCount"] = c.Profile.ExistingCustomerCount,
            ["customerSegments"] = Strings(c.Profile.CustomerSegments),
            ["domain"] = c.Profile.Domain,
        },
        ["businessPolicy"] = c.BusinessPolicy,
        ["strengths"] = c.Strengths,
        ["challenges"] = c.Challenges,
        ["focusTags"] = Strings(c.FocusTags),
        ["contract"] = c.Contract is { } k
            ? new JsonObject
            {
                ["type"] = k.Type.ToString(),
                ["start"] = Date(k.Start),
                ["termMonths"] = k.TermMonths,
                ["end"] = Date(k.End),
                ["autoRenew"] = k.AutoRenew,
                ["commissionRatePercent"] = k.CommissionRatePercent,
                ["commissionReviewDate"] = Date(k.CommissionReviewDate),
                ["salesConditions"] = k.SalesConditions,
            }
            : null,
        ["ownerId"] = c.OwnerId?.Value,
        ["customItems"] = Items(c.CustomItems),
        ["modifiedAt"] = Time(c.ModifiedAt),
    };

    public static JsonObject Rep(PartnerRep r) => new()
    {
        ["id"] = r.Id.Value,
        ["companyId"] = r.CompanyId.Value,
        ["name"] = new JsonObject
        {
            ["family"] = r.Name.FamilyName,
            ["given"] = r.Name.GivenName,
            ["familyKana"] = r.Name.FamilyNameKana,
            ["givenKana"] = r.Name.GivenNameKana,
        },
        ["title"] = r.Title,
        ["department"] = r.Department,
        ["email"] = r.Email,
        ["phone"] = r.Phone,
        ["expertiseTags"] = Strings(r.ExpertiseTags),
        ["interestTags"] = Strings(r.InterestTags),
        ["personality"] = new JsonObject
        {
            ["disc"] = r.Personality.Disc?.ToString(),
            ["mbti"] = r.Personality.Mbti?.Code,
            ["note"] = r.Personality.Note,
        },
        ["status"] = r.Status.ToString(),
        ["employment"] = new JsonArray([.. r.Employment.Select(e => (JsonNode)Episode(e))]),
        ["ownerId"] = r.OwnerId?.Value,
        ["optedOut"] = r.OptedOut,
        ["customItems"] = Items(r.CustomItems),
        ["modifiedAt"] = Time(r.ModifiedAt),
    };

    public static JsonObject Episode(EmploymentEpisode e) => new()
    {
        ["companyId"] = e.CompanyId.Value,
        ["title"] = e.Title,
        ["department"] = e.Department,
        ["from"] = Date(e.From),
        ["to"] = Date(e.To),
    };

    public static JsonObject Proposal(Proposal p) => new()
    {
        ["id"] = p.Id.Value,
        ["companyId"] = p.CompanyId.Value,
        ["repId"] = p.RepId?.Value,
        ["ownerId"] = p.OwnerId?.Value,
        ["offer"] = p.Offer,
        ["themes"] = Strings(p.Themes),
        ["amount"] = p.Amount,
        ["grossProfit"] = p.GrossProfit,
        ["stage"] = p.Stage.ToString(),
        ["outcome"] = p.Outcome.ToString(),
        ["createdOn"] = Date(p.CreatedOn),
        ["closedOn"] = Date(p.ClosedOn),
        ["lossReason"] = p.LossReason is { } l ? new JsonObject { ["category"] = l.Category.ToString(), ["note"] = l.Note } : null,
        ["modifiedAt"] = Time(p.ModifiedAt),
    };

    public static JsonObject Interaction(Interaction i) => new()
    {
        ["id"] = i.Id.Value,
        ["repId"] = i.RepId.Value,
        ["occurredAt"] = Time(i.OccurredAt),
        ["channel"] = i.Channel.ToString(),
        ["initiator"] = i.Initiator.ToString(),
        ["purpose"] = i.Purpose.ToString(),
        ["responseLatencyTicks"] = i.ResponseLatency?.Ticks,
        ["userId"] = i.UserId?.Value,
        ["otherParticipants"] = Strings(i.OtherParticipants.Select(p => p.Value)),
        ["statements"] = i.Statements,
        ["reaction"] = i.Reaction.ToString(),
        ["concerns"] = i.Concerns,
        ["nextAction"] = i.NextAction is { } n
            ? new JsonObject
            {
                ["what"] = n.What,
                ["due"] = Time(n.Due),
                ["doneAt"] = Time(n.DoneAt),
                ["owner"] = n.Owner?.Value,
                ["repId"] = n.RepId?.Value,
            }
            : null,
        ["proposalId"] = i.ProposalId?.Value,
        ["modifiedAt"] = Time(i.ModifiedAt),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static string? Date(DateOnly? d) => d?.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static string? Time(DateTimeOffset? t) => t?.ToString("O", CultureInfo.InvariantCulture);

    private static JsonObject Items(IReadOnlyDictionary<string, KarteValue> items)
    {
        var o = new JsonObject();
        foreach (var (key, v) in items)
        {
            o[key] = v is null ? null : new JsonObject
            {
                ["type"] = v.Type.ToString(),
                ["text"] = v.Text,
                ["number"] = v.Number,
                ["boolean"] = v.Boolean,
                ["date"] = Date(v.Date),
                ["items"] = Strings(v.Items),
            };
        }

        return o;
    }

    // ---------- reading ----------

    /// <summary>Reads a record back; a malformed document is a <see cref="JsonException"/> or <see cref="FormatException"/> the caller reports.</summary>
    public static PartnerCompany ToCompany(JsonObject o)
    {
        var profile = o["profile"] as JsonObject ?? [];
        return new PartnerCompany
        {
            Id = new CompanyId(S(o, "id") ?? string.Empty),
            Name = S(o, "name") ?? string.Empty,
            NameKana = S(o, "nameKana"),
            CorporateNumber = S(o, "corporateNumber"),
            Profile = new CompanyProfile
            {
                Industry = S(profile, "industry"),
                Prefecture = S(profile, "prefecture"),
                Address = S(profile, "address"),
                EmployeeCount = I(profile, "employeeCount"),
                YearFounded = I(profile, "yearFounded"),
                Revenue = M(profile, "revenue"),
                Capital = M(profile, "capital"),
                FiscalClosingMonth = I(profile, "fiscalClosingMonth"),
                ExistingCustomerCount = I(profile, "existingCustomerCount"),
                CustomerSegments = List(profile, "customerSegments"),
                Domain = S(profile, "domain"),
            },
            BusinessPolicy = S(o, "businessPolicy"),
            Strengths = S(o, "strengths"),
            Challenges = S(o, "challenges"),
            FocusTags = List(o, "focusTags"),
            Contract = o["contract"] is JsonObject k
                ? new PartnerContract
                {
                    Type = E<ContractType>(k, "type") ?? ContractType.Referral,
                    Start = D(k, "start") ?? default,
                    TermMonths = I(k, "termMonths"),
                    End = D(k, "end"),
                    AutoRenew = k["autoRenew"]?.GetValue<bool>() ?? false,
                    CommissionRatePercent = M(k, "commissionRatePercent"),
                    CommissionReviewDate = D(k, "commissionReviewDate"),
                    SalesConditions = S(k, "salesConditions"),
                }
                : null,
            OwnerId = S(o, "ownerId") is { } owner ? new UserId(owner) : null,
            CustomItems = ReadItems(o["customItems"] as JsonObject),
            ModifiedAt = T(o, "modifiedAt"),
        };
    }

    public static PartnerRep ToRep(JsonObject o)
    {
        var name = o["name"] as JsonObject ?? [];
        var personality = o["personality"] as JsonObject ?? [];
        return new PartnerRep
        {
            Id = new RepId(S(o, "id") ?? string.Empty),
            CompanyId = new CompanyId(S(o, "companyId") ?? string.Empty),
            Name = new PersonName(S(name, "family") ?? string.Empty, S(name, "given") ?? string.Empty, S(name, "familyKana"), S(name, "givenKana")),
            Title = S(o, "title"),
            Department = S(o, "department"),
            Email = S(o, "email"),
            Phone = S(o, "phone"),
            ExpertiseTags = List(o, "expertiseTags"),
            InterestTags = List(o, "interestTags"),
            Personality = S(personality, "disc") is null && S(personality, "mbti") is null && S(personality, "note") is null
                ? Personality.None
                : new Personality(E<DiscStyle>(personality, "disc"), S(personality, "mbti") is { } mbti ? MbtiType.Parse(mbti) : null, S(personality, "note")),
            Status = E<RepStatus>(o, "status") ?? RepStatus.Active,
            Employment = [.. (o["employment"] as JsonArray ?? []).OfType<JsonObject>().Select(ToEpisode)],
            OwnerId = S(o, "ownerId") is { } owner ? new UserId(owner) : null,
            OptedOut = o["optedOut"]?.GetValue<bool>() ?? false,
            CustomItems = ReadItems(o["customItems"] as JsonObject),
            ModifiedAt = T(o, "modifiedAt"),
        };
    }

    public static EmploymentEpisode ToEpisode(JsonObject e) =>
        new(new CompanyId(S(e, "companyId") ?? string.Empty), S(e, "title"), S(e, "department"), D(e, "from") ?? default, D(e, "to"));

    public static Proposal ToProposal(JsonObject o) => new()
    {
        Id = new ProposalId(S(o, "id") ?? string.Empty),
        CompanyId = new CompanyId(S(o, "companyId") ?? string.Empty),
        RepId = S(o, "repId") is { } rep ? new RepId(rep) : null,
        OwnerId = S(o, "ownerId") is { } owner ? new UserId(owner) : null,
        Offer = S(o, "offer") ?? string.Empty,
        Themes = List(o, "themes"),
        Amount = M(o, "amount") ?? 0m,
        GrossProfit = M(o, "grossProfit"),
        Stage = E<ProposalStage>(o, "stage") ?? ProposalStage.Lead,
        Outcome = E<ProposalOutcome>(o, "outcome") ?? ProposalOutcome.Open,
        CreatedOn = D(o, "createdOn") ?? default,
        ClosedOn = D(o, "closedOn"),
        LossReason = o["lossReason"] is JsonObject l ? new LossReason(E<LossReasonCategory>(l, "category") ?? LossReasonCategory.Unknown, S(l, "note")) : null,
        ModifiedAt = T(o, "modifiedAt"),
    };

    public static Interaction ToInteraction(JsonObject o) => new()
    {
        Id = new InteractionId(S(o, "id") ?? string.Empty),
        RepId = new RepId(S(o, "repId") ?? string.Empty),
        OccurredAt = T(o, "occurredAt") ?? default,
        Channel = E<InteractionChannel>(o, "channel") ?? InteractionChannel.Other,
        Initiator = E<Initiator>(o, "initiator") ?? Initiator.Us,
        Purpose = E<InteractionPurpose>(o, "purpose") ?? InteractionPurpose.General,
        ResponseLatency = o["responseLatencyTicks"] is JsonValue ticks ? TimeSpan.FromTicks(ticks.GetValue<long>()) : null,
        UserId = S(o, "userId") is { } user ? new UserId(user) : null,
        OtherParticipants = [.. List(o, "otherParticipants").Select(p => new RepId(p))],
        Statements = S(o, "statements"),
        Reaction = E<Reaction>(o, "reaction") ?? Reaction.Unknown,
        Concerns = S(o, "concerns"),
        NextAction = o["nextAction"] is JsonObject n
            ? new NextAction(S(n, "what") ?? string.Empty, T(n, "due"), T(n, "doneAt"), S(n, "owner") is { } no ? new UserId(no) : null)
            {
                RepId = S(n, "repId") is { } nr ? new RepId(nr) : null,
            }
            : null,
        ProposalId = S(o, "proposalId") is { } p ? new ProposalId(p) : null,
        ModifiedAt = T(o, "modifiedAt"),
    };

    private static Dictionary<string, KarteValue> ReadItems(JsonObject? items)
    {
        var result = new Dictionary<string, KarteValue>(StringComparer.Ordinal);
        foreach (var (key, node) in items ?? [])
        {
            if (node is not JsonObject v)
            {
                continue;
            }

            var type = E<KarteItemType>(v, "type") ?? KarteItemType.Text;
            result[key] = type switch
            {
                KarteItemType.Text or KarteItemType.LongText => KarteValue.FromText(S(v, "text"), type == KarteItemType.LongText),
                KarteItemType.Integer or KarteItemType.Number or KarteItemType.Money or KarteItemType.Percent => KarteValue.FromNumber(M(v, "number"), type),
                KarteItemType.Boolean => KarteValue.FromBoolean(v["boolean"]?.GetValue<bool>()),
                KarteItemType.Date => KarteValue.FromDate(D(v, "date")),
                KarteItemType.Choice => KarteValue.FromChoice(S(v, "text")),
                _ => KarteValue.FromItems(List(v, "items"), type == KarteItemType.Tags),
            };
        }

        return result;
    }

    private static string? S(JsonObject o, string name) => o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static int? I(JsonObject o, string name) => o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>() : null;

    private static decimal? M(JsonObject o, string name) => o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<decimal>() : null;

    private static DateOnly? D(JsonObject o, string name) =>
        S(o, name) is { } s ? DateOnly.ParseExact(s, DateFormat, CultureInfo.InvariantCulture) : null;

    private static DateTimeOffset? T(JsonObject o, string name) =>
        S(o, name) is { } s ? DateTimeOffset.ParseExact(s, "O", CultureInfo.InvariantCulture) : null;

    private static TEnum? E<TEnum>(JsonObject o, string name)
        where TEnum : struct, Enum =>
        S(o, name) is { } s ? Enum.Parse<TEnum>(s) : null;

    private static List<string> List(JsonObject o, string name) =>
        [.. (o[name] as JsonArray ?? []).Select(x => x?.GetValue<string>() ?? string.Empty)];
}
