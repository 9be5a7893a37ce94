using PartnerKarte.Console.Cli;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;
using Spectre.Console;

namespace PartnerKarte.Console.Commands;

/// <summary>Runs the enrichment sync engine for the console and renders its report.</summary>
internal static class SyncRunner
{
    public static async Task<SyncReport> RunAsync(CommandContext ctx, KarteConnector connector, ISyncStateStore state, bool dryRun, int? batchSize, int? maxParallelism, bool progressLines = false, bool fullRefresh = false)
    {
        var options = new EnrichmentSyncOptions();
        if (batchSize is int b)
        {
            options.BatchSize = b;
        }

        if (maxParallelism is int p)
        {
            options.MaxParallelism = p;
        }

        if (ctx.Settings.FullRefreshEveryDays is int days)
        {
            options.FullRefreshEvery = TimeSpan.FromDays(days);
        }

        if (ctx.Settings.RetentionMonths is int months)
        {
            options.RetentionMonths = months;
        }

        // Follow-up tasks go to the CRM only: the embedded store keeps no tasks of its own for alerts.
        options.FollowUpTasks = ctx.Settings.FollowUpTasks && connector.Name is not "sqlite";

        if (ctx.Settings.WritePauseMs is int pause)
        {
            options.WritePause = TimeSpan.FromMilliseconds(pause);
        }

        var calculator = new KarteEnrichmentCalculator(new TrustScorer(), new PartnerKpiCalculator(), options.KpiPeriodDays);
        var sync = new EnrichmentSync(connector, state, calculator, options, ctx.Clock);
        return await ctx.Output.WithProgressAsync("エンリッチメント同期 (enrichment sync)", async progress =>
            await sync.RunAsync(
                new SyncRunOptions { DryRun = dryRun, FullRefresh = fullRefresh, AsOf = ctx.Settings.AsOf },
                progressLines
                    ? new LineProgress<SyncProgress>(
                        ctx.Environment.Error,
                        v => FormattableString.Invariant($"progress: {v.Phase} read {v.Read} companies {v.CompaniesEnriched}/{v.CompaniesToEnrich} written {v.Written} skipped {v.Skipped} failed {v.Failed}"),
                        s => progress.Report((s.CompaniesEnriched, Math.Max(1, s.CompaniesToEnrich))))
                    : new Progress<SyncProgress>(s => progress.Report((s.CompaniesEnriched, Math.Max(1, s.CompaniesToEnrich)))),
                ctx.CancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
    }

    public static object ToJson(SyncReport report) => new
    {
        report.RunId,
        report.Connector,
        report.StateKey,
        report.DryRun,
        outcome = report.Outcome,
        report.Incremental,
        report.StartedAt,
        report.FinishedAt,
        durationSeconds = Math.Round(report.Duration.TotalSeconds, 3),
        report.AsOf,
        report.Read,
        report.Echoes,
        report.Computed,
        report.Written,
        report.Skipped,
        report.Failed,
        report.Retried,
        report.ApiCalls,
        report.ApiCallsByKind,
        report.TokenRequests,
        report.RecordsReadByObject,
        report.Batches,
        report.ErasedSkipped,
        report.Retention,
        report.Error,
        report.IsConfigurationProblem,
        report.Notices,
        failures = report.Failures.Select(f => new { key = f.Key.ToString(), f.ErrorCode, f.Reason, f.IsTransient, f.Attempts }),
        changes = report.Changes.Select(c => new { key = c.Record.Key.ToString(), c.PreviousHash, newHash = c.Record.ContentHash, record = c.Record }),
    };

    public static void Print(CliOutput output, SyncReport report)
    {
        var console = output.Console;
        var title = report.DryRun ? "同期プレビュー (dry run: nothing written)" : "エンリッチメント同期 (enrichment sync)";
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddColumn("項目 / item");
        table.AddColumn(new TableColumn("値 / value").RightAligned());
        table.AddRow("コネクタ / connector", Markup.Escape(report.Connector));
        table.AddRow("結果 / outcome", report.Outcome switch
        {
            SyncOutcome.Succeeded => "[green]成功 succeeded[/]",
            SyncOutcome.PartiallyFailed => "[yellow]一部失敗 partially failed[/]",
            _ => "[red]中断 aborted[/]",
        });
        table.AddRow("差分 / incremental", report.Incremental ? "yes" : "no (full)");
        table.AddRow("読込 / read", $"{report.Read:N0}");
        if (report.Echoes > 0)
        {
            table.AddRow("自分の書込の反映 / echo of own writes", $"{report.Echoes:N0}");
        }

        table.AddRow("計算 / computed", $"{report.Computed:N0}");
        table.AddRow(report.DryRun ? "書込予定 / would write" : "書込 / written", $"{(report.DryRun ? report.Changes.Count : report.Written):N0}");
        table.AddRow("変更なし / unchanged (skipped)", $"{report.Skipped:N0}");
        table.AddRow("失敗 / failed", report.Failed > 0 ? $"[red]{report.Failed:N0}[/]" : "0");
        table.AddRow("再試行 / retried", $"{report.Retried:N0}");
        table.AddRow("バッチ / batches", $"{report.Batches:N0}");
        table.AddRow("API 呼出 / API calls", report.ApiCallsByKind.Count == 0
            ? $"{report.ApiCalls:N0}"
            : Markup.Escape($"{report.ApiCalls:N0} ({string.Join(", ", report.ApiCallsByKind.Select(k => $"{k.Key} {k.Value:N0}"))})"));
        if (report.TokenRequests > 0)
        {
            table.AddRow("トークン取得 / token requests", $"{report.TokenRequests:N0}");
        }

        if (report.RecordsReadByObject.Count > 0)
        {
            table.AddRow("読込件数 / records read", Markup.Escape(string.Join(", ", report.RecordsReadByObject.Select(k => $"{k.Key} {k.Value:N0}"))));
        }

        if (report.ErasedSkipped > 0)
        {
            table.AddRow("消去済みで対象外 / erased, skipped", $"{report.ErasedSkipped:N0}");
        }

        if (report.Retention is { } retention)
        {
            table.AddRow(
                report.DryRun ? "保存期間で削除予定 / retention would drop" : "保存期間で削除 / retention dropped",
                Markup.Escape(FormattableString.Invariant($"発言 statements {retention.Statements:N0}, 懸念 concerns {retention.Concerns:N0}, 性格診断 personality {retention.Personalities:N0} ({retention.Reps:N0} reps, no contact since {retention.InactiveBefore:yyyy-MM-dd})")));
        }

        table.AddRow("評価時点 / as of", Markup.Escape(report.AsOf.ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture)));
        table.AddRow("所要時間 / duration", $"{report.Duration.TotalSeconds:F2} s");
        console.Write(table);
        if (report.Error is { } error)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(error)}");
        }

        foreach (var notice in report.Notices)
        {
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(notice)}");
        }

        if (report.Failures.Count > 0)
        {
            var failures = new Table().Border(TableBorder.Simple).Title("失敗台帳 (failure ledger) — retried next run");
            failures.AddColumn("record");
            failures.AddColumn("code");
            failures.AddColumn("reason");
            foreach (var f in report.Failures.Take(20))
            {
                failures.AddRow(Markup.Escape(f.Key.ToString()), Markup.Escape(f.ErrorCode), Markup.Escape(f.Reason));
            }

            console.Write(failures);
            if (report.Failures.Count > 20)
            {
                console.MarkupLine($"… and {report.Failures.Count - 20} more (use --json for all)");
            }
        }

        if (report.DryRun && report.Changes.Count > 0)
        {
            var changes = new Table().Border(TableBorder.Simple).Title("書込予定の差分 (changes that would be written)");
            changes.AddColumn("record");
            changes.AddColumn("new values");
            changes.AddColumn("status");
            foreach (var c in report.Changes.Take(20))
            {
                changes.AddRow(Markup.Escape(c.Record.Key.ToString()), Markup.Escape(Describe(c.Record)), c.PreviousHash is null ? "new" : "changed");
            }

            console.Write(changes);
            if (report.Changes.Count > 20)
            {
                console.MarkupLine($"… and {report.Changes.Count - 20} more (use --json for all)");
            }
        }
    }

    public static string Describe(EnrichmentRecord r) => r.Target == EnrichmentTarget.Rep
        ? $"trust {Format(r.TrustScore)} rank {r.TrustRank} conf {Format(r.TrustConfidence)} trend {Format(r.TrustTrend)} follow-up {r.FollowUpPriority}"
        : $"deals {r.DealCount} won {r.WonCount} win {Format(r.WinRatePercent)}% revenue ¥{r.Revenue:N0} completeness {Format(r.KarteCompletenessPercent)}% {r.ContractAlert}";

    private static string Format(double? value) => value?.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture) ?? "—";
}
