using System.Globalization;
using System.Net;
using System.Text;
using PartnerKarte.Console.Commands;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Report;

/// <summary>
/// The self-contained HTML karte report: inline CSS, inline SVG charts (trust trend, rank distribution, KPI per
/// partner), a small inline script for sorting; no external resource of any kind.
/// </summary>
internal static class HtmlReport
{
    /// <summary>The report from aggregates: one row per company (in id order), the counts and the summary.</summary>
    public static string Build(ReportModel model, IReadOnlyList<TrustTrendPoint>? trend, DateTimeOffset asOf, int maxRepRows = 300)
    {
        var today = DateOnly.FromDateTime(asOf.ToOffset(TimeSpan.FromHours(9)).DateTime);
        var summary = model.Summary;
        var companies = model.Companies;
        var enrichedReps = model.EnrichedReps;

        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\">");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.Append("<title>パートナーカルテ レポート</title><style>");
        sb.Append("body{font-family:system-ui,'Noto Sans CJK JP','Hiragino Sans','Yu Gothic',sans-serif;margin:24px;color:#1f2937;background:#fff}");
        sb.Append("h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;border-left:4px solid #3b82f6;padding-left:8px;margin-top:28px}");
        sb.Append(".meta{color:#6b7280}.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #e5e7eb;border-radius:8px;padding:10px 14px;min-width:130px}");
        sb.Append(".card b{display:block;font-size:22px}table{border-collapse:collapse;font-size:13px}th,td{border-bottom:1px solid #e5e7eb;padding:4px 8px;text-align:left}");
        sb.Append("th{background:#f3f4f6;cursor:pointer}td.num{text-align:right}.notice{background:#fef3c7;border:1px solid #f59e0b;padding:8px;border-radius:6px}");
        sb.Append(".alert{color:#b91c1c}svg.chart{max-width:100%;height:auto;display:block}");
        sb.Append("</style></head><body>");
        sb.Append("<h1>パートナーカルテ レポート <small class=\"meta\">Partner karte report</small></h1>");
        if (model.Owner is { } owner)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\" id=\"owner-filter\">当社担当 (owner): {E(owner)} の担当分のみ</p>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">基準日時 (as of) {E(Labels.Jst(asOf))} JST ・ 読込元 (source) {E(model.Source)} ・ 企業 {companies.Count} 社 ・ 担当者 {model.RepCount} 名 ・ 提案 {model.ProposalCount} 件 ・ 接点 {model.InteractionCount:N0} 件</p>");

        var revenue = companies.Sum(c => c.E?.Revenue ?? 0);
        sb.Append("<div class=\"cards\" id=\"cards\">");
        Card(sb, "受注売上 (won revenue)", Labels.Yen(revenue));
        Card(sb, "スコア算出済み担当者", $"{enrichedReps} / {model.RepCount}");
        Card(sb, "契約アラート", summary.ContractAlerts.Count.ToString(CultureInfo.InvariantCulture));
        Card(sb, "要フォロー (緊急)", summary.UrgentFollowUps.ToString(CultureInfo.InvariantCulture));
        sb.Append("</div>");

        sb.Append("<h2>信頼スコアの推移 (trust trend)</h2>");
        if (trend is { Count: > 0 } && trend.Any(t => t.AverageScore is not null))
        {
            sb.Append(SvgCharts.Line("trust-trend", "評価済み担当者の平均信頼スコア（月末時点）",
                [.. trend.Select(t => (t.MonthEnd.ToString("yyyy-MM", CultureInfo.InvariantCulture), t.AverageScore is double a ? Math.Round(a, 1) : (double?)null))], 0, 100, " 点"));
            sb.Append("<p class=\"meta\">評価済み担当者の平均（評価保留を除く）。各月末時点で再計算。</p>");
        }
        else
        {
            sb.Append("<p class=\"notice\" id=\"trust-trend\" data-available=\"false\">信頼スコアの推移は、この環境ではまだ計算できません（スコアリングエンジンが未導入）。Trust trend is not available in this build.</p>");
        }

        sb.Append("<h2>信頼ランク分布 (trust rank distribution)</h2>");
        if (enrichedReps > 0)
        {
            sb.Append(SvgCharts.Bars("rank-distribution", "信頼ランク別の担当者数",
                [.. summary.RankDistribution.Select(kv => (kv.Key == nameof(TrustRank.Unrated) ? "評価保留" : kv.Key, (double)kv.Value, RankColor(kv.Key)))], " 名"));
        }
        else
        {
            sb.Append("<p class=\"notice\" id=\"rank-distribution\" data-available=\"false\">まだ同期されていません: partnerkarte sync を実行してください (run sync first).</p>");
        }

        sb.Append("<h2>パートナー別 KPI (win rate per partner, by won revenue)</h2>");
        var kpiRows = companies.Where(c => c.E is not null)
            .OrderByDescending(c => c.E!.Revenue ?? 0).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => (c.Name, c.E!.WinRatePercent ?? 0, $"({Labels.Yen(c.E.Revenue)}, 商談 {c.E.DealCount})"))
            .ToList();
        if (kpiRows.Count > 0)
        {
            sb.Append(SvgCharts.HorizontalBars("kpi-per-partner", "パートナー別受注率", kpiRows, 100, "%"));
        }
        else
        {
            sb.Append("<p class=\"notice\" id=\"kpi-per-partner\" data-available=\"false\">KPI はまだ同期されていません (run sync first).</p>");
        }

        sb.Append("<h2>アラート (alerts)</h2><ul id=\"alerts\">");
        foreach (var a in summary.ContractAlerts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li class=\"alert\">契約: {E(a.Name)}（{E(a.CompanyId)}） — {E(Labels.ContractAlert(a.Alert, today))}（契約終了 {E(Labels.Date(a.ContractEnd))}）</li>");
        }

        foreach (var f in summary.FollowUps)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li>要フォロー（{E(Labels.Of(f.Priority))}）: {E(f.RepId)} {E(f.Name)}（{E(f.Company)}）信頼 {E(Labels.Number(f.TrustScore))} / {E(Labels.Of(f.Rank))}, 推移 {E(Labels.Signed(f.Trend))}{(string.IsNullOrEmpty(f.Reasons) ? string.Empty : " — 理由: " + E(f.Reasons))}</li>");
        }

        sb.Append("</ul>");

        sb.Append("<h2>パートナー一覧 (partners)</h2><table id=\"partners\" class=\"sortable\"><thead><tr>");
        foreach (var h in new[] { "ID", "企業名", "当社担当", "業種", "所在地", "重点区分", "商談数", "受注", "受注率", "売上", "充足率", "未入力の項目", "契約アラート" })
        {
            sb.Append(CultureInfo.InvariantCulture, $"<th>{E(h)}</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var c in companies)
        {
            var e = c.E;
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.Id)}</td><td>{E(c.Name)}</td><td>{E(c.Owner)}</td><td>{E(c.Industry ?? "—")}</td><td>{E(c.Prefecture ?? "—")}</td><td class=\"quadrant\">{E(c.Quadrant ?? "—")}</td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{e?.DealCount}</td><td class=\"num\">{e?.WonCount}</td><td class=\"num\">{E(Labels.Number(e?.WinRatePercent))}</td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num\" data-sort=\"{(e?.Revenue ?? 0).ToString(CultureInfo.InvariantCulture)}\">{E(Labels.Yen(e?.Revenue))}</td><td class=\"num\">{E(Labels.Number(e?.KarteCompletenessPercent))}</td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"missing\">{E(Missing(c.MissingItems))}</td><td>{E(e?.ContractAlert is { Length: > 0 } alert ? Labels.ContractAlert(alert, today) : "—")}</td></tr>");
        }

        sb.Append("</tbody></table>");
        RepSection(sb, model, maxRepRows);
        sb.Append("<p class=\"meta\" id=\"summary-stats\"></p>");
        sb.Append("<script>");
        sb.Append("(function(){var bars=document.querySelectorAll('svg.chart .bar').length,points=document.querySelectorAll('svg.chart .point').length;");
        sb.Append("var rows=document.querySelectorAll('#partners tbody tr').length,repRows=document.querySelectorAll('#reps tbody tr').length;");
        sb.Append("document.getElementById('summary-stats').textContent='charts: '+document.querySelectorAll('svg.chart').length+', bars: '+bars+', points: '+points+', partners: '+rows+', reps: '+repRows;");
        sb.Append("document.querySelectorAll('table.sortable th').forEach(function(th,i){th.addEventListener('click',function(){var tb=th.closest('table').tBodies[0];");
        sb.Append("var rs=Array.prototype.slice.call(tb.rows);var key=function(r){var c=r.cells[i];var v=c.getAttribute('data-sort')||c.textContent;var n=parseFloat(v.replace(/[^0-9.\\-]/g,''));return isNaN(n)?v:n;};");
        sb.Append("rs.sort(function(a,b){var x=key(a),y=key(b);return x<y?1:x>y?-1:0;});rs.forEach(function(r){tb.appendChild(r);});});});");
        sb.Append("document.body.setAttribute('data-ready','1');})();");
        sb.Append("</script></body></html>");
        return sb.ToString();
    }

    /// <summary>
    /// The per-rep section (担当者別): rank, score, trend, the reasons behind them and the follow-up alert with its
    /// reason, most urgent first; at most <paramref name="maxRows"/> rows (<c>--owner</c> narrows it to one book).
    /// </summary>
    private static void RepSection(StringBuilder sb, ReportModel model, int maxRows)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<h2>担当者別 (reps)</h2><table id=\"reps\" class=\"sortable\"><thead><tr>");
        foreach (var h in new[] { "担当者", "会社", "当社担当", "ランク", "信頼スコア", "推移", "主な理由", "アラート" })
        {
            sb.Append(CultureInfo.InvariantCulture, $"<th>{E(h)}</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var r in model.Reps.Take(maxRows))
        {
            var e = r.E;
            var (why, reasons) = Labels.SplitTrustReasons(e?.TrustReasons);
            var alert = e?.FollowUpPriority is FollowUpPriority.Urgent or FollowUpPriority.High
                ? $"要フォロー（{Labels.Of(e.FollowUpPriority.Value)}）" + (why is null ? string.Empty : $": {why}")
                : "—";
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(r.Name)}</td><td>{E(r.Company)}</td><td>{E(r.Owner)}</td><td>{E(Labels.Of(e?.TrustRank ?? TrustRank.Unrated))}</td>");
            sb.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{E(Labels.Number(e?.TrustScore))}</td><td class=\"num\">{E(Labels.Signed(e?.TrustTrend))}</td><td>{E(reasons ?? "—")}</td><td class=\"{(alert == "—" ? "" : "alert")}\">{E(alert)}</td></tr>");
        }

        sb.Append("</tbody></table>");
        if (model.Reps.Count > maxRows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">ほか {model.Reps.Count - maxRows} 名（緊急度の高い順に {maxRows} 名を表示。--owner で担当ごとに絞り込めます / the first {maxRows} reps by urgency; narrow with --owner）。</p>");
        }
    }

    private static string Missing(IReadOnlyList<string> items) =>
        items.Count == 0 ? "—" : string.Join("、", items.Take(3)) + (items.Count > 3 ? $" ほか {items.Count - 3} 項目" : string.Empty);

    private static void Card(StringBuilder sb, string label, string value) =>
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><span>{E(label)}</span><b>{E(value)}</b></div>");

    private static string RankColor(string rank) => rank switch
    {
        "S" => "#15803d",
        "A" => "#65a30d",
        "B" => "#eab308",
        "C" => "#f97316",
        "D" => "#dc2626",
        _ => "#9ca3af",
    };

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
