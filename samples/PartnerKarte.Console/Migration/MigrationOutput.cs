using PartnerKarte.Console.Cli;
using PartnerKarte.Migration;
using PartnerKarte.Sync;
using Spectre.Console;

namespace PartnerKarte.Console.Migration;

/// <summary>The summary tables of <c>import</c> and <c>migrate</c>.</summary>
internal static class MigrationOutput
{
    public static void PrintImport(CliOutput output, ImportReport r, KarteWriteReport? write, bool dryRun, string target, string? rejectedFile, string? duplicatesFile)
    {
        var console = output.Console;
        var title = dryRun ? "取込プレビュー (import plan, dry run: nothing written)" : r.StrictFailed ? "取込中止 (import stopped: --strict)" : "取込結果 (import)";
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddColumn("項目 / item");
        table.AddColumn(new TableColumn("企業 / companies").RightAligned());
        table.AddColumn(new TableColumn("担当者 / reps").RightAligned());
        table.AddRow("新規 / create", $"{r.CompaniesCreated:N0}", $"{r.RepsCreated:N0}");
        table.AddRow("更新 / update existing", $"{r.CompaniesUpdated:N0}", $"{r.RepsUpdated:N0}");
        table.AddRow("統合 / merged variants", $"{r.CompaniesMerged:N0}", $"{r.RepsMerged:N0}");
        if (write is not null)
        {
            table.AddRow("書込 作成 / written created", $"{write.Created.Companies:N0}", $"{write.Created.Reps:N0}");
            table.AddRow("書込 更新 / written updated", $"{write.Updated.Companies:N0}", $"{write.Updated.Reps:N0}");
            table.AddRow("書込失敗 / write failed", Red(write.Failures.Count(f => f.Kind == KarteRecordKind.Company)), Red(write.Failures.Count(f => f.Kind == KarteRecordKind.Rep)));
        }

        console.Write(table);
        var facts = new Table().Border(TableBorder.Simple);
        facts.AddColumn("");
        facts.AddColumn(new TableColumn("").RightAligned());
        facts.AddRow("出力先 / target", Markup.Escape(target));
        facts.AddRow("文字コード / encoding", r.Encoding.ToString());
        facts.AddRow("読込行 / rows read", $"{r.RowsRead:N0}");
        facts.AddRow("重複行 / identical rows dropped", $"{r.DuplicateRows:N0}");
        facts.AddRow("提案 / proposals", $"{r.ProposalsCreated:N0}");
        facts.AddRow("接触履歴 / contact history", $"{r.InteractionsCreated:N0}");
        facts.AddRow("除外 / rejected (rows or parts)", Red(r.Rejected.Count));
        facts.AddRow("要確認 / review candidates", $"{r.Merges.Count(m => m.Kind == ImportMergeKind.Candidate):N0}");
        if (write is not null)
        {
            facts.AddRow("書込呼出 / write calls", $"{write.WriteCalls:N0}");
        }

        console.Write(facts);
        if (r.UnknownColumns.Count > 0)
        {
            console.MarkupLine($"[yellow]未対応の列 / columns not imported:[/] {Markup.Escape(string.Join(", ", r.UnknownColumns))}");
        }

        if (r.CarriedOver.Count > 0)
        {
            console.MarkupLine($"[grey]カルテ項目へ移した列 / columns carried over:[/] {Markup.Escape(string.Join("; ", r.CarriedOver))}");
        }

        if (r.NewOwners.Count > 0)
        {
            console.MarkupLine($"[yellow]名簿にない自社担当 / owners not in the roster (their name is their id):[/] {Markup.Escape(string.Join(", ", r.NewOwners.Select(o => o.Name)))}");
        }

        if (r.SkippedSheets.Count > 0)
        {
            console.MarkupLine($"[yellow]読み飛ばしたシート / sheets passed over (no company, proposal or contact history columns):[/] {Markup.Escape(string.Join(", ", r.SkippedSheets))}");
        }

        if (r.Rejected.Count > 0)
        {
            var rejected = new Table().Border(TableBorder.Simple).Title("除外行 (rejected rows)");
            rejected.AddColumn("行 line");
            rejected.AddColumn("部分 part");
            rejected.AddColumn("列 column");
            rejected.AddColumn("理由 / reason");
            foreach (var q in r.Rejected.Take(20))
            {
                rejected.AddRow((q.Sheet is null ? "" : q.Sheet + " ") + q.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), RejectedCsv.PartJa(q.Part),
                    Markup.Escape(q.Column ?? "—"), Markup.Escape($"{q.Reason.Ja} / {q.Reason.En}"));
            }

            console.Write(rejected);
            console.MarkupLine($"→ {Markup.Escape(rejectedFile ?? string.Empty)}");
        }

        if (duplicatesFile is not null)
        {
            console.MarkupLine($"統合と要確認の一覧 (merges and review candidates, with scores and reasons) → {Markup.Escape(duplicatesFile)}; undo a merge with --keep-separate LINE");
        }
    }

    public static void PrintMigration(CliOutput output, MigrationReport r, string target)
    {
        var console = output.Console;
        var title = r.Write.DryRun ? "移行プレビュー (migration plan, dry run: nothing written)" : "移行結果 (migration)";
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{title}: {r.Source} → {target}"));
        table.AddColumn("");
        table.AddColumn(new TableColumn("企業 / companies").RightAligned());
        table.AddColumn(new TableColumn("担当者 / reps").RightAligned());
        table.AddColumn(new TableColumn("提案 / proposals").RightAligned());
        table.AddColumn(new TableColumn("接点 / interactions").RightAligned());
        Row(table, "読込 / read", r.Read);
        Row(table, r.Write.DryRun ? "書込予定 / would write" : "作成 / created", r.Write.Created);
        Row(table, "更新 / updated", r.Write.Updated);
        table.AddRow("失敗 / failed",
            Red(r.Write.Failures.Count(f => f.Kind == KarteRecordKind.Company)), Red(r.Write.Failures.Count(f => f.Kind == KarteRecordKind.Rep)),
            Red(r.Write.Failures.Count(f => f.Kind == KarteRecordKind.Proposal)), Red(r.Write.Failures.Count(f => f.Kind == KarteRecordKind.Interaction)));
        console.Write(table);
        var facts = new Table().Border(TableBorder.Simple);
        facts.AddColumn("");
        facts.AddColumn(new TableColumn("").RightAligned());
        facts.AddRow("結果 / outcome", r.Outcome switch
        {
            SyncOutcome.Succeeded => "[green]成功 succeeded[/]",
            SyncOutcome.PartiallyFailed => "[yellow]一部失敗 partially failed (rerun retries)[/]",
            _ => "[red]中断 aborted (rerun resumes)[/]",
        });
        facts.AddRow("再開 / resumed from checkpoint", r.Resumed ? "yes" : "no");
        if (r.RestartReason is { } why)
        {
            facts.AddRow("最初から / restarted", Markup.Escape("移行先にチェックポイントの記録が見つからないため最初から移行しました / " + why));
        }
        facts.AddRow("書込呼出 / write calls", $"{r.Write.WriteCalls:N0} × ≤{r.Write.BatchSize:N0}");
        facts.AddRow("親待ち / written after their parent", $"{r.Deferred:N0}");
        if (r.ErasedSkipped > 0)
        {
            facts.AddRow("消去済みのため除外 / erased on request, skipped", $"{r.ErasedSkipped:N0}");
        }

        facts.AddRow("所要時間 / duration", $"{r.Duration.TotalSeconds:F2} s");
        console.Write(facts);
        if (r.Error is { } error)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(error)}");
        }

        if (r.Write.Failures.Count > 0)
        {
            var failures = new Table().Border(TableBorder.Simple).Title("失敗 (failed records) — retried by the next run");
            failures.AddColumn("kind");
            failures.AddColumn("id");
            failures.AddColumn("code");
            failures.AddColumn("message");
            foreach (var f in r.Write.Failures.Take(20))
            {
                failures.AddRow(f.Kind.ToString(), Markup.Escape(f.Id), Markup.Escape(f.ErrorCode ?? string.Empty), Markup.Escape(f.Message ?? string.Empty));
            }

            console.Write(failures);
        }
    }

    private static void Row(Table table, string label, MigrationCounts c) =>
        table.AddRow(label, $"{c.Companies:N0}", $"{c.Reps:N0}", $"{c.Proposals:N0}", $"{c.Interactions:N0}");

    private static string Red(int n) => n > 0 ? $"[red]{n:N0}[/]" : "0";
}
