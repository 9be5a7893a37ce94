using System.CommandLine;
using System.Text;
using System.Text.Json;
using PartnerKarte.Console.Cli;
using PartnerKarte.Karte;
using PartnerKarte.Privacy;
using PartnerKarte.Sync;
using Spectre.Console;

namespace PartnerKarte.Console.Commands;

/// <summary>
/// <c>privacy export --rep R [--connector C] [--out FILE]</c>: everything held about one person, for a disclosure request (開示請求);
/// <c>privacy erase --rep R [--connector C] [--apply]</c>: erase it (利用停止・消去), a plan first.
/// </summary>
internal static class PrivacyCommand
{
    private static readonly Option<string> RepOption = new("--rep") { Description = "The person: a partner rep id (R-…).", Required = true };
    private static readonly Option<string?> OutOption = new("--out") { Description = "Also write the export as a JSON file (never overwrites an existing file)." };
    private static readonly Option<string?> ConnectorOption = new("--connector") { Description = "Also cover the CRM records PartnerKarte maps for the person: salesforce or dataverse (default: the store only)." };
    private static readonly Option<bool> ApplyOption = new("--apply") { Description = "Carry out the erasure (without it, only the plan is shown)." };

    public static Command Create(CliEnvironment env)
    {
        var export = new Command("export", "開示請求への回答 (disclosure): everything PartnerKarte holds or derived about one partner rep, as JSON and a Japanese summary.") { RepOption, ConnectorOption, OutOption };
        export.SetAction(CliApp.Handler(env, ExportAsync));
        var erase = new Command("erase", "利用停止・消去 (erasure): remove the person's karte, history and derived values from the store, clear the fields PartnerKarte wrote in the CRM (--connector, default Sync:Connector), and keep later syncs from bringing them back. Shows the plan; --apply carries it out. Exit 1 when the CRM could not be cleared.") { RepOption, ConnectorOption, ApplyOption };
        erase.SetAction(CliApp.Handler(env, EraseAsync));
        return new Command("privacy", "個人情報 (personal data): answer a person's requests under APPI.") { export, erase };
    }

    private static async Task<int> ExportAsync(CommandContext ctx, ParseResult parse)
    {
        var repId = new RepId(parse.GetValue(RepOption)!.Trim());
        PersonalDataExport export;
        if (Crm(ctx, parse) is { } crm)
        {
            // From the CRM: its karte records, and the mapped fields of the contact as the CRM holds them (the enrichment included).
            export = await PersonalDataExporter.ExportAsync(crm, repId, ctx.AsOf, cancellationToken: ctx.CancellationToken).ConfigureAwait(false)
                ?? throw CliException.BadInput($"--rep {repId.Value}: the {crm.Name} connector holds no partner rep with this id.");
            export = export with { CrmFields = await crm.ReadRepFieldsAsync(repId, ctx.CancellationToken).ConfigureAwait(false) };
        }
        else
        {
            var store = ctx.OpenStore();
            export = await PersonalDataExporter.ExportAsync(store, repId, ctx.AsOf, cancellationToken: ctx.CancellationToken).ConfigureAwait(false)
                ?? throw CliException.BadInput($"--rep {repId.Value}: no partner rep with this id (ids look like R-00001).");
            export = export with { WrittenEnrichment = await store.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Rep, repId.Value), ctx.CancellationToken).ConfigureAwait(false) };
        }

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
            .AppendLine($"CRM・ストアに書き込んだ値: {(export.WrittenEnrichment is null ? "なし" : "あり（信頼スコア、ランク、確度、推移、最終接点、フォロー優先度）")}")
            .AppendLine(export.CrmFields is { } crmFields ? $"CRM の項目（{export.Source}）: {crmFields.Count} 項目、値あり {crmFields.Count(f => f.Value is not null)} 項目" : "CRM の項目: 対象外（--connector で取得）");
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

    private static async Task<int> EraseAsync(CommandContext ctx, ParseResult parse)
    {
        var repId = new RepId(parse.GetValue(RepOption)!.Trim());
        var apply = parse.GetValue(ApplyOption);
        // The CRM the nightly sync writes to (Sync:Connector) unless --connector names another: its fields must not be left behind.
        var crm = Crm(ctx, parse, ctx.Settings.Connector);
        var store = ctx.OpenStore(create: true);
        var result = await PersonalDataEraser.EraseAsync(repId, store.CreateSyncStateStore(), store, crm, apply, ctx.Clock.GetUtcNow(), ctx.CancellationToken).ConfigureAwait(false);
        if (result.Store is not { Any: true } && !result.CrmContactFound && !result.AlreadyErased)
        {
            throw CliException.BadInput($"--rep {repId.Value}: no partner rep with this id in the store{(crm is null ? string.Empty : " or in " + crm.Name)} (ids look like R-00001).");
        }

        var code = result.Succeeded ? ExitCodes.Ok : ExitCodes.PartialFailure;
        if (ctx.Output.Json)
        {
            ctx.Output.WriteJson(new { ok = result.Succeeded, erasure = result });
            return code;
        }

        var held = result.Store ?? new PersonalDataHoldings();
        var verb = result.Applied ? "削除しました" : "削除します";
        var lines = new StringBuilder()
            .AppendLine(result.AlreadyErased ? "この担当者は以前に消去済みです (erased before)。" : string.Empty)
            .AppendLine($"ストア (store): 担当者レコード {(held.Rep ? "1" : "0")} 件、所属履歴 {held.EmploymentEpisodes} 件、独自項目 {held.CustomItems} 件、接点の記録 {held.Interactions} 件、他の記録での言及 {held.Mentions} 件、提案の紐付け {held.ProposalLinks} 件、書き込んだ評価値 {(held.Enrichment ? "あり" : "なし")} を{verb}")
            .AppendLine($"  (store: rep {(held.Rep ? 1 : 0)}, employment {held.EmploymentEpisodes}, custom items {held.CustomItems}, interactions {held.Interactions}, mentions {held.Mentions}, proposal links {held.ProposalLinks}, enrichment {(held.Enrichment ? "yes" : "no")})")
            .AppendLine(result.Applied
                ? $"同期の状態 (sync state): {result.SyncStateRemoved} 件を削除しました (rows removed)"
                : "同期の状態 (sync state): 書込ハッシュ、失敗台帳、カルテの写しからこの担当者を削除します (hashes, failure ledger, karte mirror)")
            .AppendLine(crm is null
                ? "CRM: 対象外 (no --connector)"
                : !result.CrmContactFound ? $"CRM ({crm.Name}): 該当する取引先責任者なし (no contact)"
                : result.Applied ? (result.CrmFieldsCleared ? $"CRM ({crm.Name}): PartnerKarte が書き込んだ項目を空にしました (enrichment fields cleared)" : $"CRM ({crm.Name}): 項目を空にできませんでした (could not clear): {result.CrmError}")
                : $"CRM ({crm.Name}): PartnerKarte が書き込んだ項目を空にします (enrichment fields will be cleared)")
            .AppendLine(result.Applied
                ? (result.TombstoneRecorded ? "消去記録 (tombstone): 記録しました（ID の鍵付きハッシュのみ） (recorded: a keyed hash of the id only)" : "消去記録 (tombstone): 記録済み (already recorded)")
                : "消去記録 (tombstone): ID の鍵付きハッシュのみを記録し、以後の同期で読み込み・書き込みしません (a keyed hash of the id only; later syncs skip the rep)");
        foreach (var note in result.Notes)
        {
            lines.AppendLine(note);
        }

        var title = result.Applied ? $"消去しました (erased) {repId.Value}" : $"消去の計画 (erasure plan) {repId.Value}";
        ctx.Output.Console.Write(new Panel(Markup.Escape(lines.ToString().Trim())).Header(Markup.Escape(title)));
        return code;
    }

    private static KarteConnector? Crm(CommandContext ctx, ParseResult parse, string? configured = null) =>
        (parse.GetValue(ConnectorOption) is { Length: > 0 } flag ? flag : configured) is { Length: > 0 } name && !string.Equals(name, "sqlite", StringComparison.OrdinalIgnoreCase)
            ? ctx.CreateConnector(name)
            : null;

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
