using System.CommandLine;
using System.Text;
using System.Text.Json;
using PartnerKarte.Console.Cli;
using PartnerKarte.Karte;
using PartnerKarte.Privacy;
using PartnerKarte.Sync;
using Spectre.Console;

namespace PartnerKarte.Console.Commands;

/// <summary><c>privacy export --rep R [--out FILE]</c>: everything held about one person, for a disclosure request (開示請求).</summary>
internal static class PrivacyCommand
{
    private static readonly Option<string> RepOption = new("--rep") { Description = "The person: a partner rep id (R-…).", Required = true };
    private static readonly Option<string?> OutOption = new("--out") { Description = "Also write the export as a JSON file (never overwrites an existing file)." };

    public static Command Create(CliEnvironment env)
    {
        var export = new Command("export", "開示請求への回答 (disclosure): everything PartnerKarte holds or derived about one partner rep, as JSON and a Japanese summary.") { RepOption, OutOption };
        export.SetAction(CliApp.Handler(env, ExportAsync));
        return new Command("privacy", "個人情報 (personal data): answer a person's requests under APPI.") { export };
    }

    private static async Task<int> ExportAsync(CommandContext ctx, ParseResult parse)
    {
        var repId = new RepId(parse.GetValue(RepOption)!.Trim());
        var store = ctx.OpenStore();
        var export = await PersonalDataExporter.ExportAsync(store, repId, ctx.AsOf, cancellationToken: ctx.CancellationToken).ConfigureAwait(false)
            ?? throw CliException.BadInput($"--rep {repId.Value}: no partner rep with this id (ids look like R-00001).");
        export = export with { WrittenEnrichment = await store.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Rep, repId.Value), ctx.CancellationToken).ConfigureAwait(false) };

        string? written = null;
        if (parse.GetValue(OutOption) is { Length: > 0 } outPath)
        {
            written = ctx.Environment.ResolvePath(outPath);
            var stream = new FileStream(written, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, export, CliOutput.JsonOptions, ctx.CancellationToken).ConfigureAwait(false);
            }
        }

        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new { ok = true, file = written, export });
            return ExitCodes.Ok;
        }

        var console = ctx.Output.Console;
        var rep = export.Rep;
        var summary = new StringBuilder()
            .AppendLine($"氏名: {rep.Name.Display}（{rep.Name.Kana ?? "フリガナなし"}）")
            .AppendLine($"会社: {export.CompanyName ?? rep.CompanyId.Value}　役職: {rep.Title ?? "—"}　部署: {rep.Department ?? "—"}")
            .AppendLine($"連絡先: メール {rep.Email ?? "—"}　電話 {rep.Phone ?? "—"}")
            .AppendLine($"得意領域: {Join(rep.ExpertiseTags)}　関心分野: {Join(rep.InterestTags)}")
            .AppendLine($"性格診断: {Personality(rep.Personality)}")
            .AppendLine($"独自項目: {rep.CustomItems.Count} 件　所属履歴: {rep.Employment.Count} 件")
            .AppendLine($"接点の記録: {export.Interactions.Count} 件（発言 {export.Interactions.Count(i => i.Statements is { Length: > 0 })} 件、懸念 {export.Interactions.Count(i => i.Concerns is { Length: > 0 })} 件、次回アクション {export.Interactions.Count(i => i.NextAction is not null)} 件）")
            .AppendLine($"提案: {export.Proposals.Count} 件")
            .AppendLine($"信頼スコア（当社の評価）: {(export.TrustScore?.Value is double v ? $"{v:0.0}（ランク{export.TrustScore.Rank}）" : "評価なし")}")
            .AppendLine($"CRM・ストアに書き込んだ値: {(export.WrittenEnrichment is null ? "なし" : "あり（信頼スコア、ランク、確度、推移、最終接点、フォロー優先度）")}");
        console.Write(new Panel(Markup.Escape(summary.ToString().TrimEnd())).Header(Markup.Escape($"保有個人データの開示 (personal data held) {rep.Id.Value}")));
        foreach (var line in export.TrustExplanation)
        {
            console.MarkupLine("  " + Markup.Escape(line));
        }

        console.MarkupLine(written is null
            ? "全項目は --json または --out FILE.json で出力できます (use --json or --out for every item)."
            : Markup.Escape($"全項目を書き出しました (every item written to): {written}"));
        return ExitCodes.Ok;
    }

    private static string Personality(Personality p)
    {
        var parts = new List<string>();
        if (p.Disc is { } disc)
        {
            parts.Add($"DiSC {disc}");
        }

        if (p.Mbti is { } mbti)
        {
            parts.Add($"MBTI {mbti}");
        }

        if (!string.IsNullOrWhiteSpace(p.Note))
        {
            parts.Add("メモあり");
        }

        return parts.Count == 0 ? "記録なし" : string.Join(" / ", parts);
    }

    private static string Join(IReadOnlyList<string> tags) => tags.Count == 0 ? "—" : string.Join("、", tags);
}
