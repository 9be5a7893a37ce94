using System.Globalization;
using PartnerKarte.Karte;
using PartnerKarte.Text;
using PartnerKarte.Validation;

namespace PartnerKarte.Migration;

// ImportSession: several sheets, owners (自社担当), and the history rows (proposals, contact history).
internal sealed partial class ImportSession
{
    private static readonly ImportField[] ProposalOnly =
    [
        ImportField.ProposalId, ImportField.ProposalOffer, ImportField.ProposalAmount, ImportField.ProposalGrossProfit, ImportField.ProposalStage,
        ImportField.ProposalOutcome, ImportField.ProposalCreatedOn, ImportField.ProposalClosedOn, ImportField.LossReason,
    ];

    private static readonly ImportField[] InteractionOnly =
    [
        ImportField.InteractionId, ImportField.InteractionDate, ImportField.InteractionChannel, ImportField.InteractionSummary,
    ];

    private static readonly ImportField[] Links =
    [
        ImportField.CompanyId, ImportField.CompanyName, ImportField.CorporateNumber, ImportField.RepId, ImportField.RepName,
        ImportField.RepFamilyName, ImportField.RepGivenName, ImportField.RepEmail, ImportField.Owner, ImportField.Note,
    ];

    private readonly List<DeferredSheet> deferredSheets = [];
    private readonly Dictionary<string, IReadOnlyList<string>> sheetHeaders = new(StringComparer.Ordinal);
    private readonly List<string> carriedOver = [];
    private readonly List<string> skippedSheets = [];
    private readonly List<TeamMember> newOwners = [];
    private readonly Dictionary<string, UserId> ownerIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserId> ownerNames = new(StringComparer.Ordinal);
    private readonly Dictionary<ProposalId, Proposal> proposals = [];
    private readonly List<ProposalId> proposalOrder = [];
    private readonly Dictionary<InteractionId, Interaction> interactions = [];
    private readonly List<InteractionId> interactionOrder = [];
    // History rows name the same companies and reps over and over: each distinct reference is looked up once (the
    // companies and reps no longer change once the history sheets are read).
    private readonly Dictionary<string, CompanyId?> companyLookups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RepId?> repLookups = new(StringComparer.Ordinal);
    private DeferredSheet? deferred;
    private string? currentSheet;
    private ImportSheetKind? currentKind;
    private bool replaying;
    private bool skippingSheet;
    private bool ownersLoaded;

    /// <summary>Starts the next sheet or file; its first non-blank row is its header row.</summary>
    public void BeginSheet(string name, ImportSheetKind? kind)
    {
        deferred = null;
        hasHeader = false;
        skippingSheet = false;
        currentSheet = name;
        currentKind = kind ?? KindOfName(name);
        if (currentKind is ImportSheetKind.Proposals or ImportSheetKind.Interactions)
        {
            deferred = new DeferredSheet(name, currentKind.Value, []);
            deferredSheets.Add(deferred);
        }
    }

    /// <summary>The order sheets are read in: companies first, then reps, then the rest (history sheets wait for all of them).</summary>
    internal static int SheetRank(string name)
    {
        var n = JapaneseText.Normalize(name).ToUpperInvariant();
        bool Has(params string[] words) => words.Any(w => n.Contains(w, StringComparison.Ordinal));
        return Has("会社", "取引先", "代理店", "パートナー", "COMPAN", "ACCOUNT", "PARTNER") ? 0 : Has("担当者", "REP", "CONTACT") ? 1 : 2;
    }

    private static ImportSheetKind? KindOfName(string name)
    {
        var n = JapaneseText.Normalize(name).ToUpperInvariant();
        bool Has(params string[] words) => words.Any(w => n.Contains(w, StringComparison.Ordinal));
        if (Has("提案", "案件", "商談", "PROPOSAL", "OPPORTUNIT", "DEAL"))
        {
            return ImportSheetKind.Proposals;
        }

        if (Has("接触", "履歴", "活動", "対応", "コミュニケーション", "INTERACTION", "ACTIVIT", "HISTORY"))
        {
            return ImportSheetKind.Interactions;
        }

        return Has("会社", "取引先", "代理店", "パートナー", "担当者", "COMPAN", "ACCOUNT", "PARTNER", "REP", "CONTACT") ? ImportSheetKind.Karte : null;
    }

    private ImportSheetKind DetectKind(IReadOnlyList<string> fields)
    {
        var found = fields.Select(h => options.Mapping.Find(h)?.Field).Where(f => f is not null).Select(f => f!.Value).ToHashSet();
        if (currentSheet is not null && !found.Contains(ImportField.CompanyName) && !found.Contains(ImportField.CompanyId) && !found.Overlaps(ProposalOnly) && !found.Overlaps(InteractionOnly))
        {
            // A sheet of a workbook that holds no karte (a cover or instructions sheet) is passed over and reported.
            skippingSheet = true;
        }

        // A karte field beyond the links (業種, 役職, 電話番号 …) makes it a company or rep sheet, whatever else it has:
        // a 代理店管理表 with a 結果 or 日付 column is not a proposals or contact history sheet.
        if (found.Any(f => !ProposalOnly.Contains(f) && !InteractionOnly.Contains(f) && !Links.Contains(f) && f is not (ImportField.NextAction or ImportField.NextActionDue or ImportField.CustomItem or ImportField.Ignore)))
        {
            return ImportSheetKind.Karte;
        }

        return found.Overlaps(ProposalOnly) ? ImportSheetKind.Proposals
            : found.Overlaps(InteractionOnly) ? ImportSheetKind.Interactions
            : ImportSheetKind.Karte;
    }

    private static bool AppliesTo(ImportField field, ImportSheetKind kind) => kind switch
    {
        ImportSheetKind.Proposals => ProposalOnly.Contains(field) || Links.Contains(field),
        ImportSheetKind.Interactions => InteractionOnly.Contains(field) || Links.Contains(field) || field is ImportField.NextAction or ImportField.NextActionDue,
        _ => !ProposalOnly.Contains(field) && !InteractionOnly.Contains(field),
    };

    private static string Describe(ImportField field) => field switch
    {
        ImportField.Note => "備考・メモ (karte note)",
        ImportField.Owner => "自社担当 (our owner)",
        ImportField.Disc => "DiSC (personality)",
        ImportField.Mbti => "MBTI (personality)",
        ImportField.LastContact => "接触履歴 (contact history)",
        ImportField.NextAction or ImportField.NextActionDue => "次回アクション (next action)",
        _ => field.ToString(),
    };

    /// <summary>Reads the proposals and contact history sheets, after every company and rep is known.</summary>
    private void FinishDeferredSheets()
    {
        var pending = deferredSheets.OrderBy(d => d.Kind).ToList();
        deferredSheets.Clear();
        replaying = true;
        foreach (var sheet in pending)
        {
            deferred = null;
            hasHeader = false;
            currentSheet = sheet.Name;
            currentKind = sheet.Kind;
            foreach (var record in sheet.Rows)
            {
                Add(record);
            }
        }

        deferred = null;
    }

    /// <summary>
    /// 自社担当 → our user: (1) a team member's id, or an owner id already on a company or rep of the store; (2) a team
    /// member's name (compared like headers: widths and spaces do not matter); (3) otherwise the name itself becomes the
    /// owner id, listed in <see cref="ImportReport.NewOwners"/> — the same name gives the same owner, and `karte` shows it.
    /// </summary>
    internal UserId ResolveOwner(string text)
    {
        if (!ownersLoaded)
        {
            ownersLoaded = true;
            if (options.Existing is { } existing)
            {
                foreach (var m in existing.TeamMembers)
                {
                    ownerIds[m.Id.Value] = m.Id;
                    ownerNames.TryAdd(JapaneseText.ToMatchKey(m.Name), m.Id);
                }

                foreach (var id in existing.Companies.Select(c => c.OwnerId).Concat(existing.Reps.Select(r => r.OwnerId)))
                {
                    if (id is { } u && u.Value.Length > 0)
                    {
                        ownerIds.TryAdd(u.Value, u);
                    }
                }
            }
        }

        var value = text.Trim();
        if (ownerIds.TryGetValue(value, out var byId))
        {
            return byId;
        }

        var key = JapaneseText.ToMatchKey(value);
        if (ownerNames.TryGetValue(key, out var byName))
        {
            return byName;
        }

        var created = new UserId(JapaneseText.Normalize(value));
        ownerNames[key] = created;
        ownerIds[created.Value] = created;
        newOwners.Add(new TeamMember(created, value));
        return created;
    }

    /// <summary>最終接触日 and 次回アクション of a rep row: one contact history entry of the rep.</summary>
    private void AddRowInteraction(Row row, RepId repId)
    {
        if (row.LastContact is null && row.NextActionText is null)
        {
            return;
        }

        // A next action with no contact date hangs on an entry dated the day of the import, or its due date when that is
        // earlier (an overdue action of the old sheet stays overdue instead of being due before its own entry).
        var today = DateOnly.FromDateTime(options.TimeProvider.GetUtcNow().ToOffset(ImportValues.JapanOffset).DateTime);
        var on = row.LastContact ?? (row.NextActionDue is { } d && d < today ? d : today);
        var at = new DateTimeOffset(on.ToDateTime(TimeOnly.MinValue), ImportValues.JapanOffset);
        var next = row.NextActionText is { } what
            ? new NextAction(what, row.NextActionDue is { } due ? new DateTimeOffset(due.ToDateTime(TimeOnly.MinValue), ImportValues.JapanOffset) : null, Owner: row.Owner) { RepId = repId }
            : null;
        var interaction = new Interaction
        {
            Id = new InteractionId("I-" + ContentHash.IdOf($"{repId.Value}|{at:O}|{row.NextActionText}")),
            RepId = repId,
            OccurredAt = at,
            Channel = InteractionChannel.Other,
            UserId = row.Owner,
            Statements = row.LastContact is null ? null : "最終接触（移行元の管理表より） / last contact, from the imported sheet",
            NextAction = next,
        };
        Put(interaction);
    }

    private void Put(Interaction interaction)
    {
        if (interactions.TryAdd(interaction.Id, interaction))
        {
            interactionOrder.Add(interaction.Id);
        }
        else
        {
            interactions[interaction.Id] = interaction;
        }
    }

    private string? CellOf(IReadOnlyList<string> fields, string[] normalized, ImportField field, bool raw = false)
    {
        if (!columnsByField.TryGetValue(field, out var list))
        {
            return null;
        }

        foreach (var i in list)
        {
            if (i < fields.Count && !string.IsNullOrWhiteSpace(fields[i]))
            {
                return raw ? fields[i].Trim() : normalized[i];
            }
        }

        return null;
    }

    /// <summary>The company a history row names (会社ID, else 会社名/法人番号 matched like the company rows).</summary>
    private CompanyId? FindCompany(IReadOnlyList<string> fields, string[] normalized)
    {
        if (CellOf(fields, normalized, ImportField.CompanyId) is { } id && companies.ContainsKey(new CompanyId(id)))
        {
            return new CompanyId(id);
        }

        var name = CellOf(fields, normalized, ImportField.CompanyName);
        var number = CellOf(fields, normalized, ImportField.CorporateNumber);
        if (name is null && number is null)
        {
            return null;
        }

        var lookup = name + "\u001F" + number;
        if (companyLookups.TryGetValue(lookup, out var known))
        {
            return known;
        }

        var probe = new PartnerCompany { Id = new CompanyId("probe"), Name = name ?? string.Empty, CorporateNumber = number is null ? null : CorporateNumber.Normalize(number) ?? number };
        var found = matcher.FindCompanies(KarteMatcher.CompanyKeys.Of(probe), probe.Id, options.MergeThreshold).FirstOrDefault()?.Id;
        companyLookups[lookup] = found;
        return found;
    }

    /// <summary>The rep a history row names (担当者ID, else e-mail or name at the row's company).</summary>
    private RepId? FindRep(IReadOnlyList<string> fields, string[] normalized, CompanyId? companyId, out bool named)
    {
        var id = CellOf(fields, normalized, ImportField.RepId);
        var email = CellOf(fields, normalized, ImportField.RepEmail);
        var name = CellOf(fields, normalized, ImportField.RepName)
            ?? (CellOf(fields, normalized, ImportField.RepFamilyName) is { } f ? f + " " + CellOf(fields, normalized, ImportField.RepGivenName) : null);
        named = id is not null || email is not null || name is not null;
        if (id is not null && reps.ContainsKey(new RepId(id)))
        {
            return new RepId(id);
        }

        if (email is null && name is null)
        {
            return null;
        }

        var lookup = companyId?.Value + "\u001F" + email + "\u001F" + name;
        if (repLookups.TryGetValue(lookup, out var known))
        {
            return known;
        }

        var (family, given) = name is null ? (string.Empty, string.Empty) : ImportValues.SplitName(name);
        var probe = new PartnerRep
        {
            Id = new RepId("probe"),
            CompanyId = companyId ?? new CompanyId(string.Empty),
            Name = new PersonName(family, given),
            Email = email is null ? null : EmailAddress.Normalize(email) ?? email,
        };
        var found = matcher.FindReps(KarteMatcher.RepKeys.Of(probe), probe.Id, options.MergeThreshold)
            .FirstOrDefault(c => companyId is null || (reps.TryGetValue(c.Id, out var r) && r.CompanyId == companyId))?.Id;
        repLookups[lookup] = found;
        return found;
    }

    private void AddProposal(CsvRecord record, string[] normalized, List<(ImportRowPart Part, string? Column, string Reason)> problems)
    {
        var fields = record.Fields;
        void Problem(ImportField field, string reason) => problems.Add((ImportRowPart.Proposal, HeaderOf(field), reason));
        T? Parse<T>(ImportField field, TryParser<T> parser, string what)
            where T : struct
        {
            if (CellOf(fields, normalized, field) is not { } cell)
            {
                return null;
            }

            if (parser(cell, out var v))
            {
                return v;
            }

            Problem(field, $"not {what}");
            return null;
        }

        var companyId = FindCompany(fields, normalized);
        if (companyId is null)
        {
            Problem(ImportField.CompanyName, "the row names no company the import knows");
        }

        var repId = FindRep(fields, normalized, companyId, out var repNamed);
        if (repNamed && repId is null && companyId is not null)
        {
            Problem(ImportField.RepName, "the row names no rep the import knows");
        }

        var offer = CellOf(fields, normalized, ImportField.ProposalOffer, raw: true);
        if (offer is null)
        {
            Problem(ImportField.ProposalOffer, "a proposal needs what was proposed (提案名)");
        }

        var created = Parse<DateOnly>(ImportField.ProposalCreatedOn, ImportValues.TryDate, "a date");
        if (created is null && CellOf(fields, normalized, ImportField.ProposalCreatedOn) is null)
        {
            Problem(ImportField.ProposalCreatedOn, "a proposal needs a creation date (提案日)");
        }

        var closed = Parse<DateOnly>(ImportField.ProposalClosedOn, ImportValues.TryDate, "a date");
        var amount = Parse<decimal>(ImportField.ProposalAmount, ImportValues.TryMoney, "an amount in yen");
        var profit = Parse<decimal>(ImportField.ProposalGrossProfit, ImportValues.TryMoney, "an amount in yen");
        var stage = Parse<ProposalStage>(ImportField.ProposalStage, ImportValues.TryStage, "a stage (リード, 検討, 提案, 交渉, 完了)");
        var outcome = Parse<ProposalOutcome>(ImportField.ProposalOutcome, ImportValues.TryOutcome, "an outcome (受注, 失注, 進行中)");
        var loss = CellOf(fields, normalized, ImportField.LossReason, raw: true);
        if (problems.Count > 0)
        {
            return;
        }

        // 受注/失注 closes the proposal; a stage of 完了 with no outcome is read from the words of the stage cell.
        var o = outcome ?? (stage == ProposalStage.Closed && CellOf(fields, normalized, ImportField.ProposalStage) is { } st && ImportValues.TryOutcome(st, out var so) ? so : ProposalOutcome.Open);
        var s = o == ProposalOutcome.Open ? (stage is ProposalStage.Closed or null ? ProposalStage.Proposal : stage.Value) : ProposalStage.Closed;
        var owner = CellOf(fields, normalized, ImportField.Owner) is { } ow ? ResolveOwner(ow) : (UserId?)null;
        var explicitId = CellOf(fields, normalized, ImportField.ProposalId);
        var proposal = new Proposal
        {
            Id = new ProposalId(explicitId ?? "P-" + ContentHash.IdOf($"{companyId!.Value.Value}|{JapaneseText.ToMatchKey(offer!)}|{created!.Value:yyyy-MM-dd}")),
            CompanyId = companyId!.Value,
            RepId = repId,
            OwnerId = owner,
            Offer = offer!,
            Amount = amount ?? 0,
            GrossProfit = profit,
            Stage = s,
            Outcome = o,
            CreatedOn = created!.Value,
            ClosedOn = o == ProposalOutcome.Open ? null : closed ?? created,
            LossReason = o == ProposalOutcome.Lost && loss is not null ? new LossReason(ImportValues.LossCategory(loss), loss) : null,
        };
        foreach (var p in KarteValidator.Validate(proposal))
        {
            problems.Add((ImportRowPart.Proposal, p.Field.StartsWith("Closed", StringComparison.Ordinal) ? HeaderOf(ImportField.ProposalClosedOn) : null, p.Reason));
        }

        if (problems.Count > 0)
        {
            return;
        }

        if (proposals.TryAdd(proposal.Id, proposal))
        {
            proposalOrder.Add(proposal.Id);
        }
        else
        {
            proposals[proposal.Id] = proposal;
        }
    }

    private void AddInteraction(CsvRecord record, string[] normalized, List<(ImportRowPart Part, string? Column, string Reason)> problems)
    {
        var fields = record.Fields;
        void Problem(ImportField field, string reason) => problems.Add((ImportRowPart.Interaction, HeaderOf(field), reason));
        var companyId = FindCompany(fields, normalized);
        var companyNamed = CellOf(fields, normalized, ImportField.CompanyName) is not null || CellOf(fields, normalized, ImportField.CompanyId) is not null;
        if (companyNamed && companyId is null)
        {
            Problem(ImportField.CompanyName, "the row names no company the import knows");
        }

        var repId = FindRep(fields, normalized, companyId, out var repNamed);
        if (repId is null && problems.Count == 0)
        {
            Problem(ImportField.RepName, repNamed ? "the row names no rep the import knows" : "contact history needs a rep");
        }

        DateTimeOffset? at = null;
        if (CellOf(fields, normalized, ImportField.InteractionDate) is { } when)
        {
            if (ImportValues.TryDateTime(when, out var parsed))
            {
                at = parsed;
            }
            else
            {
                Problem(ImportField.InteractionDate, "not a date");
            }
        }
        else
        {
            Problem(ImportField.InteractionDate, "contact history needs a date (接触日)");
        }

        var channel = InteractionChannel.Other;
        if (CellOf(fields, normalized, ImportField.InteractionChannel) is { } ch && !ImportValues.TryChannel(ch, out channel))
        {
            Problem(ImportField.InteractionChannel, "not a channel (訪問, Web会議, 電話, メール, チャット, イベント, 会食, その他)");
        }

        DateTimeOffset? due = null;
        if (CellOf(fields, normalized, ImportField.NextActionDue) is { } dueText)
        {
            if (ImportValues.TryDate(dueText, out var d))
            {
                due = new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), ImportValues.JapanOffset);
            }
            else
            {
                Problem(ImportField.NextActionDue, "not a date");
            }
        }

        if (problems.Count > 0)
        {
            return;
        }

        var owner = CellOf(fields, normalized, ImportField.Owner) is { } ow ? ResolveOwner(ow) : (UserId?)null;
        var summary = CellOf(fields, normalized, ImportField.InteractionSummary, raw: true) ?? CellOf(fields, normalized, ImportField.Note, raw: true);
        var next = CellOf(fields, normalized, ImportField.NextAction, raw: true) is { } what ? new NextAction(what, due, Owner: owner) { RepId = repId } : null;
        var explicitId = CellOf(fields, normalized, ImportField.InteractionId);
        var interaction = new Interaction
        {
            Id = new InteractionId(explicitId ?? "I-" + ContentHash.IdOf($"{repId!.Value.Value}|{at!.Value:O}|{summary}|{next?.What}")),
            RepId = repId!.Value,
            OccurredAt = at!.Value,
            Channel = channel,
            UserId = owner,
            Statements = summary,
            NextAction = next,
        };
        foreach (var p in KarteValidator.Validate(interaction))
        {
            problems.Add((ImportRowPart.Interaction, p.Field.StartsWith("NextAction", StringComparison.Ordinal) ? HeaderOf(ImportField.NextActionDue) : null, p.Reason));
        }

        if (problems.Count == 0)
        {
            Put(interaction);
        }
    }

    /// <summary>A proposals or contact history sheet, read after the company and rep sheets.</summary>
    private sealed record DeferredSheet(string? Name, ImportSheetKind Kind, List<CsvRecord> Rows);
}
