using System.CommandLine;
using PartnerKarte.Console.Cli;
using PartnerKarte.Karte;
using PartnerKarte.Sync;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PartnerKarte.Console.Commands;

/// <summary><c>karte --company ID | --rep ID</c>: one karte, readable in a terminal.</summary>
internal static class KarteCommand
{
    private static readonly Option<string?> CompanyOption = new("--company") { Description = "A partner company id, e.g. C-001." };
    private static readonly Option<string?> RepOption = new("--rep") { Description = "A partner rep id, e.g. R-00001." };
    private static readonly Option<string?> ConnectorOption = new("--connector") { Description = "Read the karte from another store or a CRM: postgres (with --connection-string), salesforce or dataverse (default: the store, sqlite)." };

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("karte", "Show one karte (パートナーカルテ): a partner company or a partner rep.") { CompanyOption, RepOption, ConnectorOption };
        command.SetAction(CliApp.Handler(env, RunAsync));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, ParseResult parse)
    {
        var companyId = parse.GetValue(CompanyOption);
        var repId = parse.GetValue(RepOption);
        if (string.IsNullOrWhiteSpace(companyId) == string.IsNullOrWhiteSpace(repId))
        {
            throw CliException.BadInput("Give exactly one of --company ID or --rep ID.");
        }

        var store = await KarteSource.OpenAsync(ctx, parse.GetValue(ConnectorOption)).ConfigureAwait(false);
        var asOf = ctx.AsOf;
        var people = new People(await store.TeamAsync(ctx.CancellationToken).ConfigureAwait(false));

        // Only the karte asked for is read: on a large store the whole store would not fit in memory.
        if (companyId is not null)
        {
            var id = await ResolveAsync(ctx, store, companyId.Trim(), KarteRecordKind.Company).ConfigureAwait(false);
            var data = await store.SelectionAsync(new KarteSelection { CompanyIds = [new CompanyId(id)] }, ctx.CancellationToken).ConfigureAwait(false);
            var company = data.Companies.FirstOrDefault(c => c.Id.Value == id)
                ?? throw CliException.BadInput($"No partner company with id '{companyId}'. Ids look like C-001.");
            var enrichment = await store.EnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Company, company.Id.Value), ctx.CancellationToken).ConfigureAwait(false);
            var reps = data.Reps.Where(r => r.CompanyId == company.Id).ToList();
            var repEnrichment = new Dictionary<RepId, EnrichmentRecord>();
            foreach (var r in reps)
            {
                if (await store.EnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Rep, r.Id.Value), ctx.CancellationToken).ConfigureAwait(false) is { } e)
                {
                    repEnrichment[r.Id] = e;
                }
            }

            var proposals = data.Proposals.Where(p => p.CompanyId == company.Id).OrderByDescending(p => p.CreatedOn).ToList();
            if (ctx.Output.Json)
            {
                ctx.Output.WriteJson(new { ok = true, source = store.Connector.Name, company, owner = people.Name(company.OwnerId), enrichment, reps = reps.Select(r => new { rep = r, enrichment = repEnrichment.GetValueOrDefault(r.Id) }), proposals });
            }
            else
            {
                RenderCompany(ctx.Output.Console, people, company, enrichment, reps, repEnrichment, proposals, DateOnly.FromDateTime(asOf.ToOffset(TimeSpan.FromHours(9)).DateTime));
            }
        }
        else
        {
            var id = await ResolveAsync(ctx, store, repId!.Trim(), KarteRecordKind.Rep).ConfigureAwait(false);
            var data = await store.SelectionAsync(new KarteSelection { RepIds = [new RepId(id)] }, ctx.CancellationToken).ConfigureAwait(false);
            var rep = data.Reps.FirstOrDefault(r => r.Id.Value == id)
                ?? throw CliException.BadInput($"No partner rep with id '{repId}'. Ids look like R-00001.");
            var enrichment = await store.EnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Rep, rep.Id.Value), ctx.CancellationToken).ConfigureAwait(false);
            var interactions = data.Interactions.Where(i => i.RepId == rep.Id || i.OtherParticipants.Contains(rep.Id)).OrderByDescending(i => i.OccurredAt).ToList();
            var proposals = data.Proposals.Where(p => p.RepId == rep.Id).OrderByDescending(p => p.CreatedOn).ToList();
            var company = (await store.SelectionAsync(new KarteSelection { CompanyIds = [rep.CompanyId] }, ctx.CancellationToken).ConfigureAwait(false))
                .Companies.FirstOrDefault(c => c.Id == rep.CompanyId);
            var score = Engines.ScoreRep(data, rep.Id, asOf);
            if (ctx.Output.Json)
            {
                ctx.Output.WriteJson(new { ok = true, source = store.Connector.Name, rep, owner = people.Name(rep.OwnerId), company = company?.Name, enrichment, trust = score, recentInteractions = interactions.Take(20), proposals });
            }
            else
            {
                RenderRep(ctx.Output.Console, people, rep, company, enrichment, score, interactions, proposals);
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The id of the company or rep the user named: the id itself, or the one company or rep whose name or kana
    /// contains what was typed. Several candidates are listed (bad input, exit 2) so the user can pick one.
    /// </summary>
    private static async Task<string> ResolveAsync(CommandContext ctx, KarteSource store, string text, KarteRecordKind kind)
    {
        var selection = kind == KarteRecordKind.Company ? new KarteSelection { CompanyIds = [new CompanyId(text)] } : new KarteSelection { RepIds = [new RepId(text)] };
        var batch = await store.SelectionAsync(selection, ctx.CancellationToken).ConfigureAwait(false);
        if (batch.Companies.Any(c => c.Id.Value == text) || batch.Reps.Any(r => r.Id.Value == text))
        {
            return text;
        }

        var hits = await store.SearchAsync(text, kind, 20, ctx.CancellationToken).ConfigureAwait(false);
        var what = kind == KarteRecordKind.Company ? "会社 (company)" : "担当者 (rep)";
        return hits.Count switch
        {
            1 => hits[0].Id,
            0 => throw CliException.BadInput($"「{text}」に一致する{what}はありません。ID（C-001, R-00001）か名前・フリガナの一部で指定してください / no {(kind == KarteRecordKind.Company ? "company" : "rep")} id, name or kana matches '{text}'."),
            _ => throw CliException.BadInput($"「{text}」に一致する{what}が {hits.Count} 件あります。ID で指定してください / several match '{text}': "
                + string.Join(", ", hits.Select(h => $"{h.Id} {h.Name}{(h.Kana is null ? "" : $"（{h.Kana}）")}"))),
        };
    }

    private static Grid Fields(params (string Label, string? Value)[] fields)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        foreach (var (label, value) in fields)
        {
            grid.AddRow(new Markup($"[grey]{Markup.Escape(label)}[/]"), new Spectre.Console.Text(string.IsNullOrWhiteSpace(value) ? "—" : value));
        }

        return grid;
    }

    private static void RenderCompany(IAnsiConsole console, People people, PartnerCompany c, EnrichmentRecord? e, IReadOnlyList<PartnerRep> reps, IReadOnlyDictionary<RepId, EnrichmentRecord> repEnrichment, IReadOnlyList<Proposal> proposals, DateOnly today)
    {
        var p = c.Profile;
        console.Write(new Rule($"[bold]パートナー企業カルテ[/] {Markup.Escape(c.Name)} ({Markup.Escape(c.Id.Value)})").LeftJustified());
        console.Write(new Panel(Fields(
            ("カナ", c.NameKana), ("法人番号", c.CorporateNumber), ("業種", p.Industry), ("所在地", p.Address ?? p.Prefecture),
            ("従業員数", p.EmployeeCount is int n ? $"{n:N0} 名" : null), ("設立", p.YearFounded?.ToString(System.Globalization.CultureInfo.InvariantCulture) + "年"),
            ("売上高", Labels.Yen(p.Revenue)), ("資本金", Labels.Yen(p.Capital)), ("決算月", p.FiscalClosingMonth is int m ? $"{m}月" : null),
            ("既存顧客数", p.ExistingCustomerCount is int k ? $"{k:N0} 社" : null), ("顧客属性", string.Join("、", p.CustomerSegments)),
            ("ドメイン", p.Domain), ("当社担当", people.Name(c.OwnerId))))
            .Header("基本情報 (profile)").Expand());
        console.Write(new Panel(Fields(("事業方針", c.BusinessPolicy), ("強み", c.Strengths), ("課題", c.Challenges), ("注力領域", string.Join("、", c.FocusTags))))
            .Header("ヒアリング項目 (policy, strengths, challenges)").Expand());

        if (c.CustomItems.Count > 0)
        {
            console.Write(new Panel(Fields([.. c.CustomItems.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (KarteTemplate.Default.Find(kv.Key)?.Label.Ja ?? kv.Key, (string?)kv.Value.ToString()))]))
                .Header("カルテ項目・備考 (karte items and notes)").Expand());
        }

        IRenderable contract = c.Contract is { } k2
            ? Fields(("種別", Labels.Of(k2.Type)), ("契約開始日", Labels.Date(k2.Start)), ("契約期間", k2.TermMonths is int t ? $"{t}か月" : null),
                ("契約終了日", Labels.Date(k2.EffectiveEnd)), ("自動更新", k2.AutoRenew ? "あり" : "なし"),
                ("手数料率", k2.CommissionRatePercent is decimal rate ? $"{rate:0.0}%" : null), ("手数料見直し日", Labels.Date(k2.CommissionReviewDate)), ("販売条件", k2.SalesConditions))
            : new Spectre.Console.Text("契約なし (no contract)");
        console.Write(new Panel(contract).Header("取引条件・契約状況 (contract)").Expand());

        IRenderable kpi = e is null
            ? new Markup("[yellow]未計算[/] — KPI はエンリッチメント同期で書き込まれます。'partnerkarte sync' を実行してください (not computed yet: run sync).")
            : Fields(("商談数", e.DealCount?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("受注件数", e.WonCount?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("受注率", e.WinRatePercent is double w ? $"{w:F1}%" : null), ("売上額", Labels.Yen(e.Revenue)), ("粗利額", Labels.Yen(e.GrossProfit)),
                ("カルテ充足率", e.KarteCompletenessPercent is double q ? $"{q:F1}%" : null), ("契約アラート", Labels.ContractAlert(e.ContractAlert, today)));
        console.Write(new Panel(kpi).Header("成果指標 KPI (written by the sync)").Expand());

        var lost = proposals.Where(x => x.Outcome == ProposalOutcome.Lost).GroupBy(x => x.LossReason?.Category ?? LossReasonCategory.Unknown)
            .OrderByDescending(g => g.Count()).Select(g => $"{Labels.Of(g.Key)} {g.Count()}件");
        console.MarkupLine($"[grey]失注理由 (loss reasons):[/] {Markup.Escape(string.Join("、", lost).DefaultIfEmpty("なし"))}");

        var repTable = new Table().Border(TableBorder.Rounded).Title($"担当者 (reps) {reps.Count} 名");
        foreach (var col in new[] { "ID", "氏名", "役職", "部署", "状態", "信頼スコア", "ランク", "フォロー" })
        {
            repTable.AddColumn(col);
        }

        foreach (var r in reps)
        {
            var re = repEnrichment.GetValueOrDefault(r.Id);
            repTable.AddRow(Markup.Escape(r.Id.Value), Markup.Escape(r.Name.Display), Markup.Escape(r.Title ?? "—"), Markup.Escape(r.Department ?? "—"), Labels.Of(r.Status),
                Labels.Number(re?.TrustScore), re?.TrustRank is { } rank ? Labels.Of(rank) : "未計算", re?.FollowUpPriority is { } f ? Labels.Of(f) : "—");
        }

        console.Write(repTable);

        var proposalTable = new Table().Border(TableBorder.Rounded).Title($"提案・受注履歴 (proposals) 直近 {Math.Min(8, proposals.Count)} / {proposals.Count} 件");
        foreach (var col in new[] { "ID", "作成日", "商材", "金額", "結果", "失注理由" })
        {
            proposalTable.AddColumn(col);
        }

        foreach (var x in proposals.Take(8))
        {
            proposalTable.AddRow(Markup.Escape(x.Id.Value), Labels.Date(x.CreatedOn), Markup.Escape(x.Offer), Labels.Yen(x.Amount), Labels.Of(x.Outcome),
                Markup.Escape(x.LossReason is { } l ? $"{Labels.Of(l.Category)}: {l.Note}" : "—"));
        }

        console.Write(proposalTable);
    }

    private static string DefaultIfEmpty(this string s, string fallback) => s.Length == 0 ? fallback : s;

    private static void RenderRep(IAnsiConsole console, People people, PartnerRep r, PartnerCompany? company, EnrichmentRecord? e, Scoring.TrustScore? score, IReadOnlyList<Interaction> interactions, IReadOnlyList<Proposal> proposals)
    {
        console.Write(new Rule($"[bold]担当者カルテ[/] {Markup.Escape(r.Name.Display)} ({Markup.Escape(r.Id.Value)})").LeftJustified());
        var personality = r.Personality;
        console.Write(new Panel(Fields(
            ("フリガナ", r.Name.Kana), ("会社", company is null ? r.CompanyId.Value : $"{company.Name} ({company.Id.Value})"), ("役職", r.Title), ("部署", r.Department),
            ("メール", r.Email), ("電話", r.Phone), ("状態", Labels.Of(r.Status) + (r.OptedOut ? "（紹介・連絡不可）" : string.Empty)), ("当社担当", people.Name(r.OwnerId)),
            ("得意領域", string.Join("、", r.ExpertiseTags)), ("関心分野", string.Join("、", r.InterestTags)),
            ("性格診断", string.Join(" / ", new[] { personality.Disc is { } d ? "DiSC " + Labels.Of(d) : null, personality.Mbti?.Code is { } mb ? "MBTI " + mb : null }.Where(x => x is not null))),
            ("接し方メモ", personality.Note)))
            .Header("基本プロフィール (profile)").Expand());

        var tips = Targeting.ApproachTips.For(personality);
        if (tips.Count > 0)
        {
            var lines = tips.Select(t => $"[bold]{Markup.Escape(t.Basis)}[/] {Markup.Escape(t.Headline.Ja)}\n  推奨: {Markup.Escape(string.Join("／", t.Do.Select(d => d.Ja)))}\n  避ける: {Markup.Escape(string.Join("／", t.Avoid.Select(d => d.Ja)))}");
            console.Write(new Panel(new Markup(string.Join("\n", lines))).Header("接し方のヒント (approach tips, DiSC/MBTI)").Expand());
        }

        if (r.CustomItems.Count > 0)
        {
            console.Write(new Panel(Fields([.. r.CustomItems.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (KarteTemplate.Default.Find(kv.Key)?.Label.Ja ?? kv.Key, (string?)kv.Value.ToString()))]))
                .Header("独自のヒアリング項目 (custom karte items)").Expand());
        }

        var episodes = new Table().Border(TableBorder.Simple).Title("所属履歴 (employment)");
        foreach (var col in new[] { "会社", "役職", "部署", "開始", "終了" })
        {
            episodes.AddColumn(col);
        }

        foreach (var ep in r.Employment)
        {
            episodes.AddRow(Markup.Escape(ep.CompanyId.Value), Markup.Escape(ep.Title ?? "—"), Markup.Escape(ep.Department ?? "—"), Labels.Date(ep.From), ep.To is null ? "現在" : Labels.Date(ep.To));
        }

        console.Write(episodes);

        IRenderable trust = e is null
            ? new Markup("[yellow]未計算[/] — 信頼スコアはエンリッチメント同期で書き込まれます (not computed yet: run sync).")
            : Fields(("信頼スコア", Labels.Number(e.TrustScore)), ("ランク", e.TrustRank is { } rank ? Labels.Of(rank) : null), ("確度", Labels.Number(e.TrustConfidence, "F2")),
                ("推移", Labels.Signed(e.TrustTrend)), ("フォロー優先度", e.FollowUpPriority is { } fp ? Labels.Of(fp) : null), ("理由 (reasons)", e.TrustReasons), ("最終接点", Labels.Date(e.LastContactDate)));
        console.Write(new Panel(trust).Header("信頼関係の度合い (trust, written by the sync)").Expand());
        if (score is not null && score.Factors.Count > 0)
        {
            var factors = new Table().Border(TableBorder.Simple).Title("スコアの内訳 (factors)");
            factors.AddColumn("要因");
            factors.AddColumn(new TableColumn("値").RightAligned());
            factors.AddColumn(new TableColumn("重み").RightAligned());
            factors.AddColumn(new TableColumn("寄与").RightAligned());
            foreach (var f in score.Factors.OrderByDescending(x => x.Contribution))
            {
                factors.AddRow(Labels.Of(f.Kind), Labels.Number(f.Value, "F2"), Labels.Number(f.Weight, "F2"), Labels.Number(f.Contribution));
            }

            console.Write(factors);
        }

        if (score is not null)
        {
            console.MarkupLine($"[grey]説明 (explanation, as of now):[/] {Markup.Escape(string.Join(" / ", Engines.Explain(score)))}");
        }

        var replies = interactions.Where(i => i.RepId == r.Id && i.Initiator == Initiator.Rep && i.ResponseLatency is not null).Select(i => i.ResponseLatency!.Value).Order().ToList();
        var fromRep = interactions.Count(i => i.RepId == r.Id && i.Initiator == Initiator.Rep);
        // The share is of contacts whose initiator is recorded; unrecorded ones are counted apart, never as ours.
        var known = interactions.Count(i => i.RepId == r.Id && i.Initiator != Initiator.Unknown);
        var share = known == 0 ? "起点の記録なし (no initiator recorded)" : $"{100.0 * fromRep / known:F0}%";
        console.MarkupLine(Markup.Escape($"対応傾向 (tendencies): 接点 {interactions.Count} 件, 先方起点 {fromRep} 件 ({share}), 起点不明 {interactions.Count - known} 件, 返信時間の中央値 {Labels.Latency(replies.Count == 0 ? null : replies[replies.Count / 2])}"));

        var history = new Table().Border(TableBorder.Rounded).Title($"コミュニケーション履歴 (recent interactions) 直近 {Math.Min(10, interactions.Count)} / {interactions.Count} 件");
        foreach (var col in new[] { "日時", "チャネル", "起点", "目的", "反応", "発言・懸念", "次回アクション" })
        {
            history.AddColumn(col);
        }

        foreach (var i in interactions.Take(10))
        {
            var said = string.Join(" / ", new[] { i.Statements, i.Concerns is null ? null : "懸念: " + i.Concerns }.Where(x => x is not null));
            var next = i.NextAction is { } a ? $"{a.What}（期限 {Labels.Jst(a.Due)}、{(a.IsOpen ? "未完了" : a.KeptOnTime ? "期限内に完了" : "遅れて完了")}）" : "—";
            history.AddRow(Labels.Jst(i.OccurredAt), Labels.Of(i.Channel), Labels.Of(i.Initiator), Labels.Of(i.Purpose), Labels.Of(i.Reaction), Markup.Escape(said.Length == 0 ? "—" : said), Markup.Escape(next));
        }

        console.Write(history);
        var open = interactions.Where(i => i.NextAction is { IsOpen: true }).ToList();
        console.MarkupLine(Markup.Escape($"未完了の次回アクション (open next actions): {open.Count} 件; 提案 (proposals): {proposals.Count} 件 (受注 {proposals.Count(p => p.Outcome == ProposalOutcome.Won)}, 失注 {proposals.Count(p => p.Outcome == ProposalOutcome.Lost)}, 進行中 {proposals.Count(p => p.Outcome == ProposalOutcome.Open)})"));
    }
}
