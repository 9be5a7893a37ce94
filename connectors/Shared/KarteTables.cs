using System.Globalization;
using System.Text.Json;
using System.Data.Common;
using PartnerKarte.Karte;
using static PartnerKarte.Connectors.Shared.KarteValues;

namespace PartnerKarte.Connectors.Shared;

/// <summary>
/// Column lists and row mapping of the karte tables, shared by the SQLite and PostgreSQL stores (their tables have the
/// same columns). Select lists end with <c>seq</c>.
/// </summary>
internal static class KarteTables
{
    public const int CompanyOwner = 0;
    public const int RepOwner = 1;

    public static readonly string[] CompanyColumns =
    [
        "id", "name", "name_kana", "corporate_number", "industry", "prefecture", "address", "employee_count", "year_founded",
        "revenue", "capital", "fiscal_closing_month", "existing_customer_count", "customer_segments", "domain",
        "business_policy", "strengths", "challenges", "focus_tags", "contract_type", "contract_start", "contract_term_months",
        "contract_end", "contract_auto_renew", "commission_rate", "commission_review_date", "sales_conditions", "owner_id", "modified_at",
    ];

    public static readonly string[] RepColumns =
    [
        "id", "company_id", "family_name", "given_name", "family_kana", "given_kana", "title", "department", "email", "phone",
        "expertise_tags", "interest_tags", "disc", "mbti", "personality_note", "status", "owner_id", "opted_out", "modified_at",
    ];

    public static readonly string[] ProposalColumns =
    [
        "id", "company_id", "rep_id", "owner_id", "offer", "themes", "amount", "gross_profit", "stage", "outcome",
        "created_on", "closed_on", "loss_category", "loss_note", "modified_at",
    ];

    public static readonly string[] InteractionColumns =
    [
        "id", "rep_id", "occurred_ticks", "occurred_offset", "channel", "initiator", "purpose", "response_latency_ticks", "user_id",
        "other_participants", "statements", "reaction", "concerns", "next_what", "next_due", "next_done_at", "next_owner",
        "proposal_id", "modified_at",
    ];

    public static string Select(string table, string[] columns) => $"SELECT {string.Join(", ", columns)}, seq FROM {table}";

    /// <summary>An upsert of a whole row by id; <paramref name="prefix"/> marks a parameter (<c>$</c> for SQLite, <c>@</c> for PostgreSQL).</summary>
    public static string Upsert(string table, string[] columns, char prefix) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}, seq) VALUES ({string.Join(", ", columns.Select(c => prefix + c))}, {prefix}seq) " +
        $"ON CONFLICT (id) DO UPDATE SET {string.Join(", ", columns.Skip(1).Append("seq").Select(c => $"{c} = excluded.{c}"))}";

    public static void Bind(DbParameter[] p, PartnerCompany c)
    {
        var profile = c.Profile;
        var contract = c.Contract;
        p[0].Value = c.Id.Value;
        p[1].Value = c.Name;
        p[2].Value = Db(c.NameKana);
        p[3].Value = Db(c.CorporateNumber);
        p[4].Value = Db(profile.Industry);
        p[5].Value = Db(profile.Prefecture);
        p[6].Value = Db(profile.Address);
        p[7].Value = Db(profile.EmployeeCount);
        p[8].Value = Db(profile.YearFounded);
        p[9].Value = Db(profile.Revenue);
        p[10].Value = Db(profile.Capital);
        p[11].Value = Db(profile.FiscalClosingMonth);
        p[12].Value = Db(profile.ExistingCustomerCount);
        p[13].Value = Json(profile.CustomerSegments);
        p[14].Value = Db(profile.Domain);
        p[15].Value = Db(c.BusinessPolicy);
        p[16].Value = Db(c.Strengths);
        p[17].Value = Db(c.Challenges);
        p[18].Value = Json(c.FocusTags);
        p[19].Value = contract is null ? DBNull.Value : (int)contract.Type;
        p[20].Value = Db(contract?.Start);
        p[21].Value = Db(contract?.TermMonths);
        p[22].Value = Db(contract?.End);
        p[23].Value = contract is null ? DBNull.Value : Db(contract.AutoRenew);
        p[24].Value = Db(contract?.CommissionRatePercent);
        p[25].Value = Db(contract?.CommissionReviewDate);
        p[26].Value = Db(contract?.SalesConditions);
        p[27].Value = Db(c.OwnerId?.Value);
        p[28].Value = Db(c.ModifiedAt);
    }

    public static PartnerCompany ReadCompany(DbDataReader r, IReadOnlyDictionary<string, KarteValue>? custom) => new()
    {
        Id = new CompanyId(r.GetString(0)),
        Name = r.GetString(1),
        NameKana = KarteValues.Text(r, 2),
        CorporateNumber = KarteValues.Text(r, 3),
        Profile = new CompanyProfile
        {
            Industry = KarteValues.Text(r, 4),
            Prefecture = KarteValues.Text(r, 5),
            Address = KarteValues.Text(r, 6),
            EmployeeCount = Int(r, 7),
            YearFounded = Int(r, 8),
            Revenue = Money(r, 9),
            Capital = Money(r, 10),
            FiscalClosingMonth = Int(r, 11),
            ExistingCustomerCount = Int(r, 12),
            CustomerSegments = List(r, 13),
            Domain = KarteValues.Text(r, 14),
        },
        BusinessPolicy = KarteValues.Text(r, 15),
        Strengths = KarteValues.Text(r, 16),
        Challenges = KarteValues.Text(r, 17),
        FocusTags = List(r, 18),
        Contract = r.IsDBNull(19) ? null : new PartnerContract
        {
            Type = (ContractType)r.GetInt32(19),
            Start = Date(r, 20) ?? default,
            TermMonths = Int(r, 21),
            End = Date(r, 22),
            AutoRenew = r.GetInt32(23) != 0,
            CommissionRatePercent = Money(r, 24),
            CommissionReviewDate = Date(r, 25),
            SalesConditions = KarteValues.Text(r, 26),
        },
        OwnerId = KarteValues.Text(r, 27) is { } owner ? new UserId(owner) : null,
        ModifiedAt = Instant(r, 28),
        CustomItems = custom ?? Empty,
    };

    public static void Bind(DbParameter[] p, PartnerRep rep)
    {
        p[0].Value = rep.Id.Value;
        p[1].Value = rep.CompanyId.Value;
        p[2].Value = rep.Name.FamilyName;
        p[3].Value = rep.Name.GivenName;
        p[4].Value = Db(rep.Name.FamilyNameKana);
        p[5].Value = Db(rep.Name.GivenNameKana);
        p[6].Value = Db(rep.Title);
        p[7].Value = Db(rep.Department);
        p[8].Value = Db(rep.Email);
        p[9].Value = Db(rep.Phone);
        p[10].Value = Json(rep.ExpertiseTags);
        p[11].Value = Json(rep.InterestTags);
        p[12].Value = rep.Personality.Disc is DiscStyle d ? (int)d : DBNull.Value;
        p[13].Value = Db(rep.Personality.Mbti?.Code);
        p[14].Value = Db(rep.Personality.Note);
        p[15].Value = (int)rep.Status;
        p[16].Value = Db(rep.OwnerId?.Value);
        p[17].Value = Db(rep.OptedOut);
        p[18].Value = Db(rep.ModifiedAt);
    }

    public static PartnerRep ReadRep(DbDataReader r, IReadOnlyList<EmploymentEpisode>? employment, IReadOnlyDictionary<string, KarteValue>? custom)
    {
        var disc = Int(r, 12);
        var mbti = KarteValues.Text(r, 13);
        var note = KarteValues.Text(r, 14);
        return new PartnerRep
        {
            Id = new RepId(r.GetString(0)),
            CompanyId = new CompanyId(r.GetString(1)),
            Name = new PersonName(r.GetString(2), r.GetString(3), KarteValues.Text(r, 4), KarteValues.Text(r, 5)),
            Title = KarteValues.Text(r, 6),
            Department = KarteValues.Text(r, 7),
            Email = KarteValues.Text(r, 8),
            Phone = KarteValues.Text(r, 9),
            ExpertiseTags = List(r, 10),
            InterestTags = List(r, 11),
            Personality = disc is null && mbti is null && note is null
                ? Personality.None
                : new Personality(disc is int ds ? (DiscStyle)ds : null, mbti is null ? null : MbtiType.Parse(mbti), note),
            Status = (RepStatus)r.GetInt32(15),
            OwnerId = KarteValues.Text(r, 16) is { } owner ? new UserId(owner) : null,
            OptedOut = r.GetInt32(17) != 0,
            ModifiedAt = Instant(r, 18),
            Employment = employment ?? [],
            CustomItems = custom ?? Empty,
        };
    }

    public static void Bind(DbParameter[] p, Proposal x)
    {
        p[0].Value = x.Id.Value;
        p[1].Value = x.CompanyId.Value;
        p[2].Value = Db(x.RepId?.Value);
        p[3].Value = Db(x.OwnerId?.Value);
        p[4].Value = x.Offer;
        p[5].Value = Json(x.Themes);
        p[6].Value = Db(x.Amount);
        p[7].Value = Db(x.GrossProfit);
        p[8].Value = (int)x.Stage;
        p[9].Value = (int)x.Outcome;
        p[10].Value = Db(x.CreatedOn);
        p[11].Value = Db(x.ClosedOn);
        p[12].Value = x.LossReason is null ? DBNull.Value : (int)x.LossReason.Category;
        p[13].Value = Db(x.LossReason?.Note);
        p[14].Value = Db(x.ModifiedAt);
    }

    public static Proposal ReadProposal(DbDataReader r) => new()
    {
        Id = new ProposalId(r.GetString(0)),
        CompanyId = new CompanyId(r.GetString(1)),
        RepId = KarteValues.Text(r, 2) is { } rep ? new RepId(rep) : null,
        OwnerId = KarteValues.Text(r, 3) is { } owner ? new UserId(owner) : null,
        Offer = r.GetString(4),
        Themes = List(r, 5),
        Amount = Money(r, 6) ?? 0m,
        GrossProfit = Money(r, 7),
        Stage = (ProposalStage)r.GetInt32(8),
        Outcome = (ProposalOutcome)r.GetInt32(9),
        CreatedOn = Date(r, 10) ?? default,
        ClosedOn = Date(r, 11),
        LossReason = r.IsDBNull(12) ? null : new LossReason((LossReasonCategory)r.GetInt32(12), KarteValues.Text(r, 13)),
        ModifiedAt = Instant(r, 14),
    };

    public static void Bind(DbParameter[] p, Interaction x)
    {
        p[0].Value = x.Id.Value;
        p[1].Value = x.RepId.Value;
        p[2].Value = x.OccurredAt.UtcTicks;
        p[3].Value = (int)x.OccurredAt.Offset.TotalMinutes;
        p[4].Value = (int)x.Channel;
        p[5].Value = (int)x.Initiator;
        p[6].Value = (int)x.Purpose;
        p[7].Value = Db(x.ResponseLatency?.Ticks);
        p[8].Value = Db(x.UserId?.Value);
        p[9].Value = x.OtherParticipants.Count == 0 ? DBNull.Value : JsonSerializer.Serialize(x.OtherParticipants.Select(o => o.Value));
        p[10].Value = Db(x.Statements);
        p[11].Value = (int)x.Reaction;
        p[12].Value = Db(x.Concerns);
        p[13].Value = Db(x.NextAction?.What);
        p[14].Value = Db(x.NextAction?.Due);
        p[15].Value = Db(x.NextAction?.DoneAt);
        p[16].Value = Db(x.NextAction?.Owner?.Value);
        p[17].Value = Db(x.ProposalId?.Value);
        p[18].Value = Db(x.ModifiedAt);
    }

    public static Interaction ReadInteraction(DbDataReader r)
    {
        var offset = TimeSpan.FromMinutes(r.GetInt32(3));
        var what = KarteValues.Text(r, 13);
        return new Interaction
        {
            Id = new InteractionId(r.GetString(0)),
            RepId = new RepId(r.GetString(1)),
            OccurredAt = new DateTimeOffset(r.GetInt64(2) + offset.Ticks, offset),
            Channel = (InteractionChannel)r.GetInt32(4),
            Initiator = (Initiator)r.GetInt32(5),
            Purpose = (InteractionPurpose)r.GetInt32(6),
            ResponseLatency = Long(r, 7) is long ticks ? TimeSpan.FromTicks(ticks) : null,
            UserId = KarteValues.Text(r, 8) is { } user ? new UserId(user) : null,
            OtherParticipants = r.IsDBNull(9) ? [] : [.. List(r, 9).Select(v => new RepId(v))],
            Statements = KarteValues.Text(r, 10),
            Reaction = (Reaction)r.GetInt32(11),
            Concerns = KarteValues.Text(r, 12),
            NextAction = what is null ? null : new NextAction(what, Instant(r, 14), Instant(r, 15), KarteValues.Text(r, 16) is { } o ? new UserId(o) : null),
            ProposalId = KarteValues.Text(r, 17) is { } proposal ? new ProposalId(proposal) : null,
            ModifiedAt = Instant(r, 18),
        };
    }

    public static string? CustomValue(KarteValue value) => value.Type switch
    {
        KarteItemType.MultiChoice or KarteItemType.Tags => JsonSerializer.Serialize(value.Items),
        _ => value.IsFilled ? value.ToString() : null,
    };

    public static KarteValue ReadCustomValue(KarteItemType type, string? value) => type switch
    {
        KarteItemType.Text => KarteValue.FromText(value),
        KarteItemType.LongText => KarteValue.FromText(value, multiline: true),
        KarteItemType.Choice => KarteValue.FromChoice(value),
        KarteItemType.Integer or KarteItemType.Number or KarteItemType.Money or KarteItemType.Percent =>
            KarteValue.FromNumber(value is null ? null : decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture), type),
        KarteItemType.Boolean => KarteValue.FromBoolean(value is null ? null : value == "true"),
        KarteItemType.Date => KarteValue.FromDate(value is null ? null : DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        KarteItemType.MultiChoice => KarteValue.FromItems(value is null ? [] : JsonSerializer.Deserialize<string[]>(value) ?? [], tags: false),
        _ => KarteValue.FromItems(value is null ? [] : JsonSerializer.Deserialize<string[]>(value) ?? []),
    };

    private static readonly IReadOnlyDictionary<string, KarteValue> Empty = new Dictionary<string, KarteValue>();
}
