using System.Text.RegularExpressions;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PartnerKarte.Console.Tests;

/// <summary><c>handover</c>: the planner's plan as a preview, applied through the connector with <c>--apply</c>, idempotent on rerun.</summary>
public sealed class HandoverTests : IDisposable
{
    private readonly ConsoleHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_preview_lists_the_plan_and_writes_nothing()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);
        var departing = BusiestOwner();
        var successor = departing == "U-01" ? "U-02" : "U-01";
        SqliteConnection.ClearAllPools();
        var before = SHA256.HashData(await File.ReadAllBytesAsync(_h.DatabasePath));

        var text = await _h.RunAsync("handover", "--from", departing, "--to", successor);
        var json = await _h.RunAsync("handover", "--from", departing, "--to", successor, "--json");

        text.ExitCode.Should().Be(0, text.ToString());
        text.Stdout.Should().Contain("引き継ぎ計画").And.Contain(departing).And.Contain("--apply");
        using var doc = JsonDocument.Parse(json.Stdout);
        var ops = doc.RootElement.GetProperty("plan").GetProperty("operations").EnumerateArray().ToList();
        ops.Should().NotBeEmpty();
        ops.Should().Contain(o => o.GetProperty("en").GetString()!.Contains($"owner {Name(departing)} → {Name(successor)}"), "owners are shown by name from the store's roster");
        ops.Should().NotContain(o => o.GetProperty("ja").GetString()!.Contains(departing + " "), "no bare owner id in the descriptions");
        doc.RootElement.GetProperty("plan").GetProperty("issues").GetArrayLength().Should().Be(0, "the successor is an active member of the roster: no false blocker");
        ops.Where(o => o.GetProperty("operationId").ValueKind == JsonValueKind.String).Should().OnlyContain(o => o.GetProperty("status").GetString() == "planned");
        SqliteConnection.ClearAllPools();
        SHA256.HashData(await File.ReadAllBytesAsync(_h.DatabasePath)).Should().Equal(before, "a preview writes nothing");
    }

    [Fact]
    public async Task Apply_moves_everything_off_the_departing_owner_and_a_rerun_changes_nothing()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);
        var departing = BusiestOwner();
        var successor = departing == "U-01" ? "U-02" : "U-01";
        var owned = Scalar($"SELECT count(*) FROM companies WHERE owner_id = '{departing}'");
        var successorBefore = Scalar($"SELECT count(*) FROM companies WHERE owner_id = '{successor}'");

        var apply = await _h.RunAsync("handover", "--from", departing, "--to", successor, "--apply", "--json");

        apply.ExitCode.Should().Be(0, apply.ToString());
        using (var doc = JsonDocument.Parse(apply.Stdout))
        {
            doc.RootElement.GetProperty("summary").GetProperty("applied").GetInt32().Should().BeGreaterThan(0);
            doc.RootElement.GetProperty("summary").GetProperty("failed").GetInt32().Should().Be(0);
        }

        Scalar($"SELECT count(*) FROM companies WHERE owner_id = '{departing}'").Should().Be(0);
        Scalar($"SELECT count(*) FROM reps WHERE owner_id = '{departing}'").Should().Be(0);
        Scalar($"SELECT count(*) FROM proposals WHERE owner_id = '{departing}' AND outcome = 0").Should().Be(0, "no open proposal stays with the departing owner");
        Scalar($"SELECT count(*) FROM companies WHERE owner_id = '{successor}'").Should().BeGreaterThan(successorBefore, "the successor takes over companies");
        owned.Should().BeGreaterThan(0);
        var state = Snapshot();

        var again = await _h.RunAsync("handover", "--from", departing, "--to", successor, "--apply", "--json");

        again.ExitCode.Should().Be(0, again.ToString());
        using (var doc = JsonDocument.Parse(again.Stdout))
        {
            doc.RootElement.GetProperty("summary").GetProperty("applied").GetInt32().Should().Be(0, "a rerun applies nothing twice");
        }

        Snapshot().Should().Equal(state, "no duplicate task and no further change");
    }

    [Fact]
    public async Task An_unknown_rep_or_the_same_person_twice_is_bad_input()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);

        (await _h.RunAsync("handover", "--from", "R-99999", "--to", "R-00001")).ExitCode.Should().Be(2);
        (await _h.RunAsync("handover", "--from", "R-00001", "--to", "R-99999")).ExitCode.Should().Be(2);
        (await _h.RunAsync("handover", "--from", "U-01", "--to", "U-01")).ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task Our_accounts_are_never_handed_to_a_partner_rep()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);
        var departing = BusiestOwner();
        var before = Snapshot();

        var run = await _h.RunAsync("handover", "--from", departing, "--to", "R-00001", "--apply", "--json");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stdout.Should().Contain("not a member of our team");
        Snapshot().Should().Equal(before, "nothing was applied");
    }

    [Fact]
    public async Task A_plan_with_issues_is_applied_only_with_an_explicit_waiver()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);
        var (rep, _) = TwoRepsOfOneCompany();
        var inactive = Text($"SELECT id FROM reps WHERE id <> '{rep}' AND status <> 0 ORDER BY id LIMIT 1");
        var before = Snapshot();

        var preview = await _h.RunAsync("handover", "--from", rep, "--to", inactive, "--json");
        var blocked = await _h.RunAsync("handover", "--from", rep, "--to", inactive, "--apply", "--json");

        using (var doc = JsonDocument.Parse(preview.Stdout))
        {
            doc.RootElement.GetProperty("plan").GetProperty("issues").GetArrayLength().Should().BeGreaterThan(0, "an inactive successor rep is an issue: " + preview);
        }

        blocked.ExitCode.Should().Be(2, blocked.ToString());
        using (var doc = JsonDocument.Parse(blocked.Stdout))
        {
            doc.RootElement.GetProperty("blocked").GetBoolean().Should().BeTrue();
            doc.RootElement.GetProperty("applied").GetBoolean().Should().BeFalse();
        }

        Snapshot().Should().Equal(before, "a blocked plan writes nothing");

        var waived = await _h.RunAsync("handover", "--from", rep, "--to", inactive, "--apply", "--waive", "後任は来週復帰のため", "--approved-by", "部長", "--json");

        waived.ExitCode.Should().Be(0, waived.ToString());
        using (var doc = JsonDocument.Parse(waived.Stdout))
        {
            doc.RootElement.GetProperty("applied").GetBoolean().Should().BeTrue();
            doc.RootElement.GetProperty("waiver").GetProperty("approvedBy").GetString().Should().Be("部長");
        }
    }

    [Fact]
    public async Task The_brief_for_the_busiest_owner_is_japanese_prioritised_and_bounded()
    {
        (await _h.RunAsync(["demo", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);
        var departing = BusiestOwner();
        var successor = departing == "U-01" ? "U-02" : "U-01";

        var run = await _h.RunAsync("handover", "--from", departing, "--to", successor, "--brief", "brief.md");

        run.ExitCode.Should().Be(0, run.ToString());
        var lines = await File.ReadAllLinesAsync(Path.Combine(_h.Directory, "brief.md"));
        lines.Length.Should().BeLessThanOrEqualTo(330, "a successor reads the brief in minutes");
        lines[0].Should().Be($"# 引き継ぎブリーフ: {Name(departing)} の担当（当社）");
        lines.Should().NotContain(l => Regex.IsMatch(l, @"(?<![\w-])U-\d\d(?![\w-])"), "our team is named, not numbered");
        var text = string.Join("\n", lines);
        text.Should().Contain("## まず確認すること").And.Contain("## 担当者ごとの詳細");
        text.IndexOf("## まず確認すること", StringComparison.Ordinal).Should().BeLessThan(text.IndexOf("## 担当者ごとの詳細", StringComparison.Ordinal), "risks and commitments first, then the detail");
        text.Should().NotContain("user:").And.NotContain("OwnerDeparture").And.NotContain("RepDeparture");
        var firstRow = lines.SkipWhile(l => !l.StartsWith("|---", StringComparison.Ordinal)).Skip(1).First();
        firstRow.Should().Contain("期限切れの約束", "the rep with overdue commitments comes first");
        (await _h.RunAsync("handover", "--from", departing, "--to", successor, "--brief", "brief.md")).ExitCode.Should().NotBe(0, "an existing brief is never overwritten");
    }

    [Fact]
    public async Task Without_to_the_successors_are_suggested_with_reasons_and_nothing_is_applied()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);
        var departing = BusiestOwner();
        var team = Text($"SELECT team FROM team_members WHERE id = '{departing}'");

        var text = await _h.RunAsync("handover", "--from", departing);
        var json = await _h.RunAsync("handover", "--from", departing, "--json");
        var apply = await _h.RunAsync("handover", "--from", departing, "--apply");

        text.ExitCode.Should().Be(0, text.ToString());
        text.Stdout.Should().Contain("後任候補 (suggested successors)").And.Contain($"同じチーム（{team}）").And.Contain("現在の担当");
        using var doc = JsonDocument.Parse(json.Stdout);
        var suggested = doc.RootElement.GetProperty("plan").GetProperty("suggestedSuccessors").EnumerateArray().ToList();
        suggested.Should().NotBeEmpty().And.HaveCountLessThanOrEqualTo(3);
        suggested.Should().NotContain(s => s.GetProperty("id").GetString() == departing);
        suggested[0].GetProperty("name").GetString().Should().Be(Name(suggested[0].GetProperty("id").GetString()!));
        suggested[0].GetProperty("reasons").EnumerateArray().Should().Contain(r => r.GetProperty("ja").GetString()!.StartsWith("同じチーム", StringComparison.Ordinal), "a member of the same team comes first");
        apply.ExitCode.Should().Be(2, "--apply needs a chosen successor: " + apply);
    }

    [Fact]
    public async Task Without_to_a_rep_handover_suggests_colleagues_at_the_partner()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);
        var (rep, _) = TwoRepsOfOneCompany();

        var json = await _h.RunAsync("handover", "--from", rep, "--json");

        json.ExitCode.Should().Be(0, json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        var suggested = doc.RootElement.GetProperty("plan").GetProperty("suggestedSuccessors").EnumerateArray().ToList();
        suggested.Should().NotBeEmpty();
        var company = Text($"SELECT company_id FROM reps WHERE id = '{rep}'");
        suggested.Should().OnlyContain(s => Text($"SELECT company_id FROM reps WHERE id = '{s.GetProperty("id").GetString()}'") == company, "the successor rep works at the same partner");
        suggested.Should().OnlyContain(s => s.GetProperty("reasons").GetArrayLength() > 0);
    }

    private string Name(string userId) => Text($"SELECT name FROM team_members WHERE id = '{userId}'");

    [Fact]
    public async Task A_rep_transfer_is_recorded_as_a_transfer()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);
        var company = Text("SELECT company_id FROM reps WHERE status = 0 GROUP BY company_id HAVING count(*) >= 2 ORDER BY company_id LIMIT 1");
        var active = Texts($"SELECT id FROM reps WHERE company_id = '{company}' AND status = 0 ORDER BY id LIMIT 2");
        var (rep, colleague) = (active[0], active[1]);

        var run = await _h.RunAsync("handover", "--from", rep, "--to", colleague, "--kind", "transfer", "--apply", "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        Text($"SELECT status FROM reps WHERE id = '{rep}'").Should().Be("2", "異動 (transferred), not 退職");
        (await _h.RunAsync("handover", "--from", colleague, "--to", rep, "--kind", "sideways")).ExitCode.Should().Be(2);
    }

    [Fact]
    public async Task A_rep_handover_previews_with_the_successor_rep()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);
        var (rep, colleague) = TwoRepsOfOneCompany();

        var result = await _h.RunAsync("handover", "--from", rep, "--to", colleague, "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        using var doc = JsonDocument.Parse(result.Stdout);
        doc.RootElement.GetProperty("plan").GetProperty("successorRep").GetString().Should().Be(colleague);
    }

    private string BusiestOwner() => Text("SELECT owner_id FROM companies WHERE owner_id IS NOT NULL GROUP BY owner_id ORDER BY count(*) DESC, owner_id LIMIT 1");

    private (string Rep, string Colleague) TwoRepsOfOneCompany()
    {
        var company = Text("SELECT company_id FROM reps GROUP BY company_id HAVING count(*) >= 2 ORDER BY company_id LIMIT 1");
        var reps = Texts($"SELECT id FROM reps WHERE company_id = '{company}' ORDER BY id LIMIT 2");
        return (reps[0], reps[1]);
    }

    private List<string> Snapshot() =>
    [
        .. Texts("SELECT 'company|' || id || '|' || ifnull(owner_id, '') FROM companies ORDER BY id"),
        .. Texts("SELECT 'rep|' || id || '|' || ifnull(owner_id, '') || '|' || status FROM reps ORDER BY id"),
        .. Texts("SELECT 'proposal|' || id || '|' || ifnull(owner_id, '') || '|' || ifnull(rep_id, '') FROM proposals ORDER BY id"),
        .. Texts("SELECT 'task|' || operation_id || '|' || ifnull(owner_id, '') FROM tasks ORDER BY operation_id"),
        Scalar("SELECT count(*) FROM applied_operations").ToString(CultureInfo.InvariantCulture),
    ];

    private long Scalar(string sql) => Convert.ToInt64(Texts(sql)[0], CultureInfo.InvariantCulture);

    private string Text(string sql) => Texts(sql)[0];

    private List<string> Texts(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _h.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read())
        {
            list.Add(Convert.ToString(r.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return list;
    }
}
