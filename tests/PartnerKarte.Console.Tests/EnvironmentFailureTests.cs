using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace PartnerKarte.Console.Tests;

/// <summary>
/// Environmental faults end in one line naming the service or file, a documented exit code (3 = environment, 2 = bad
/// input) and one JSON error document under --json: an unreachable CRM, a mixed-encoding CSV, a read-only or full disk.
/// </summary>
public sealed class EnvironmentFailureTests : IDisposable
{
    private const string Secret = "sEcReT-value-42";
    private readonly ConsoleHarness _h = new();

    private static Encoding Sjis
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(932);
        }
    }

    public void Dispose() => _h.Dispose();

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static JsonNode Error(RunResult run) => JsonNode.Parse(run.Stdout)!["error"]!;

    private string[] SalesforceFlags() => ["--login-url", $"https://127.0.0.1:{ClosedPort()}", "--client-id", "client-id", "--client-secret", Secret];

    [Fact]
    public async Task Doctor_with_an_unreachable_salesforce_org_exits_3_with_the_host()
    {
        (await _h.RunAsync(["demo", "--no-sync", "--companies", "2", "--reps", "4", "--interactions", "10", "--proposals", "2"])).ExitCode.Should().Be(0);
        var doctor = await _h.RunAsync(["doctor", "--connector", "salesforce", .. SalesforceFlags(), "--json"]);

        doctor.ExitCode.Should().Be(3, doctor.ToString());
        var json = JsonNode.Parse(doctor.Stdout)!;
        var detail = json["checks"]!.AsArray().Single(c => c!["area"]!.GetValue<string>() == "connectivity")!["detail"]!.GetValue<string>();
        detail.Should().Contain("Salesforce org").And.Contain("127.0.0.1").And.NotContain("\n");
        doctor.ToString().Should().NotContain(Secret).And.NotContain("   at ");
    }

    [Fact]
    public async Task Import_to_an_unreachable_salesforce_org_exits_3_with_one_line_naming_it()
    {
        await File.WriteAllTextAsync(Path.Combine(_h.Directory, "karte.csv"), "取引先,担当者\n株式会社さくら販売,田中 太郎\n", new UTF8Encoding(false));

        var import = await _h.RunAsync(["import", "--file", "karte.csv", "--to", "salesforce", .. SalesforceFlags(), "--json"]);

        import.ExitCode.Should().Be(3, import.ToString());
        Error(import)["code"]!.GetValue<string>().Should().Be("unreachable");
        Error(import)["message"]!.GetValue<string>().Should().Contain("Salesforce org").And.Contain("127.0.0.1").And.NotContain("\n");
        import.ToString().Should().NotContain(Secret).And.NotContain("   at ");
    }

    [Fact]
    public async Task Import_to_an_unreachable_dataverse_environment_exits_3_with_one_line_naming_it()
    {
        await File.WriteAllTextAsync(Path.Combine(_h.Directory, "karte.csv"), "取引先,担当者\n株式会社さくら販売,田中 太郎\n", new UTF8Encoding(false));

        var import = await _h.RunAsync("import", "--file", "karte.csv", "--to", "dataverse", "--url", $"http://127.0.0.1:{ClosedPort()}", "--access-token", Secret, "--json");

        import.ExitCode.Should().Be(3, import.ToString());
        Error(import)["code"]!.GetValue<string>().Should().Be("unreachable");
        Error(import)["message"]!.GetValue<string>().Should().Contain("Dataverse environment").And.Contain("127.0.0.1").And.NotContain("\n");
        import.ToString().Should().NotContain(Secret).And.NotContain("   at ");
    }

    [Fact]
    public async Task Migrate_to_an_unreachable_salesforce_org_exits_3_with_an_error_document()
    {
        (await _h.RunAsync(["demo", "--no-sync", "--companies", "2", "--reps", "4", "--interactions", "10", "--proposals", "2"])).ExitCode.Should().Be(0);

        var migrate = await _h.RunAsync(["migrate", "--from", "sqlite", "--to", "salesforce", .. SalesforceFlags(), "--json"]);

        migrate.ExitCode.Should().Be(3, migrate.ToString());
        var json = JsonNode.Parse(migrate.Stdout)!;
        json["exitCode"]!.GetValue<int>().Should().Be(3);
        Error(migrate)["code"]!.GetValue<string>().Should().Be("unreachable");
        Error(migrate)["message"]!.GetValue<string>().Should().Contain("127.0.0.1").And.NotContain("\n");
        migrate.ToString().Should().NotContain(Secret);
    }

    [Fact]
    public async Task A_csv_mixing_utf8_and_shift_jis_lines_is_refused_with_one_file_level_message()
    {
                var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes("取引先,担当者\n株式会社さくら販売,田中 太郎\n"));
        bytes.AddRange(Sjis.GetBytes("株式会社みなと商事,佐藤 花子\n"));
        await File.WriteAllBytesAsync(Path.Combine(_h.Directory, "mixed.csv"), [.. bytes]);

        var import = await _h.RunAsync("import", "--file", "mixed.csv", "--json");

        import.ExitCode.Should().Be(2, import.ToString());
        var message = Error(import)["message"]!.GetValue<string>();
        message.Should().Contain("mixes encodings").And.Contain("line 3").And.NotContain("\uFFFD");
    }

    [Fact]
    public async Task Shift_jis_bytes_far_down_a_utf8_csv_refuse_the_file_instead_of_turning_into_replacement_characters()
    {
        var text = new StringBuilder("取引先,担当者\n");
        for (var i = 0; text.Length < 60_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"株式会社さくら販売{i},田中 太郎{i}\n");
        }

        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text.ToString()));
        bytes.AddRange(Sjis.GetBytes("株式会社みなと商事,佐藤 花子\n"));
        await File.WriteAllBytesAsync(Path.Combine(_h.Directory, "mixed.csv"), [.. bytes]);

        var import = await _h.RunAsync("import", "--file", "mixed.csv", "--json");

        import.ExitCode.Should().Be(2, import.ToString());
        Error(import)["message"]!.GetValue<string>().Should().Contain("mixes encodings");
    }

    [Fact]
    public async Task A_csv_that_turns_to_utf8_after_64_KB_of_shift_jis_is_refused_naming_the_file_and_the_line()
    {
        var text = new StringBuilder("取引先,担当者\n");
        var rows = 0;
        for (; text.Length < 60_000; rows++)
        {
            text.Append(CultureInfo.InvariantCulture, $"株式会社さくら販売{rows},田中 太郎{rows}\n");
        }

        var bytes = new List<byte>(Sjis.GetBytes(text.ToString()));
        bytes.Count.Should().BeGreaterThan(64 * 1024, "past the block read for detection");
        bytes.AddRange(Encoding.UTF8.GetBytes("株式会社みなと商事,佐藤 花子\n"));
        await File.WriteAllBytesAsync(Path.Combine(_h.Directory, "late.csv"), [.. bytes]);

        var import = await _h.RunAsync("import", "--file", "late.csv", "--json");

        import.ExitCode.Should().Be(2, import.ToString());
        Error(import)["code"]!.GetValue<string>().Should().Be("input");
        Error(import)["message"]!.GetValue<string>().Should().Contain("late.csv").And.Contain("文字コードが混在").And.Contain("mixes encodings")
            .And.Contain($"line {rows + 2}").And.NotContain("\uFFFD").And.NotContain("\n");
        File.Exists(_h.DatabasePath).Should().BeFalse("a refused import creates no store");
    }

    [Fact]
    public async Task A_refused_import_and_a_dry_run_create_no_store_file()
    {
        await File.WriteAllTextAsync(Path.Combine(_h.Directory, "karte.csv"), "会社名,担当者\n株式会社さくら販売,田中 太郎\n", new UTF8Encoding(false));
        var mixed = new List<byte>(Encoding.UTF8.GetBytes("取引先,担当者\n株式会社さくら販売,田中 太郎\n"));
        mixed.AddRange(Sjis.GetBytes("株式会社みなと商事,佐藤 花子\n"));
        await File.WriteAllBytesAsync(Path.Combine(_h.Directory, "mixed.csv"), [.. mixed]);
        await File.WriteAllTextAsync(Path.Combine(_h.Directory, "unicode.csv"), "取引先\t担当者\n", new UnicodeEncoding(false, true));

        (await _h.RunAsync("import", "--file", "mixed.csv")).ExitCode.Should().Be(2);
        (await _h.RunAsync("import", "--file", "unicode.csv", "--json")).ExitCode.Should().Be(2);
        (await _h.RunAsync("import", "--file", "karte.csv", "--dry-run")).ExitCode.Should().Be(0);
        File.Exists(_h.DatabasePath).Should().BeFalse("nothing was written, so no store was created");

        var import = await _h.RunAsync("import", "--file", "karte.csv");
        import.ExitCode.Should().Be(0, import.ToString());
        File.Exists(_h.DatabasePath).Should().BeTrue("the store is created when records are written");
    }

    [Theory]
    [InlineData("doctor")]
    [InlineData("sync")]
    [InlineData("import")]
    public async Task A_store_on_a_read_only_file_system_exits_3_with_one_line_naming_it(string command)
    {
        using var mount = await ReadOnlyStoreAsync();
        if (mount is null)
        {
            return; // read-only file systems need a mount; file modes do not stop root
        }

        var store = Path.Combine(mount.Path, "partnerkarte.db");
        var original = await File.ReadAllBytesAsync(store);
        string[] args = command == "import" ? ["import", "--file", "karte.csv"] : [command];

        var json = await _h.RunAsync([.. args, "--db", store, "--json"]);
        var text = await _h.RunAsync([.. args, "--db", store]);

        json.ExitCode.Should().Be(3, json.ToString());
        text.ExitCode.Should().Be(3, text.ToString());
        var message = command == "doctor"
            ? JsonNode.Parse(json.Stdout)!["checks"]!.AsArray().Single(c => c!["area"]!.GetValue<string>() == "database")!["detail"]!.GetValue<string>()
            : Error(json)["message"]!.GetValue<string>();
        if (command != "doctor")
        {
            Error(json)["code"]!.GetValue<string>().Should().Be("environment");
            text.Stderr.Trim().Should().NotContain("\n").And.Contain(store).And.Contain("read-only");
        }

        message.Should().Contain(store).And.Contain("読み取り専用").And.Contain("read-only").And.Contain("partnerkarte.db-wal").And.NotContain("\n");
        (json.ToString() + text).Should().NotContain("SQLite Error").And.NotContain("   at ");
        (await File.ReadAllBytesAsync(store)).Should().Equal(original, "the store is left as it was");
    }

    [Fact]
    public async Task Report_and_karte_read_a_store_on_a_read_only_file_system()
    {
        using var mount = await ReadOnlyStoreAsync();
        if (mount is null)
        {
            return;
        }

        var store = Path.Combine(mount.Path, "partnerkarte.db");
        var original = await File.ReadAllBytesAsync(store);

        var report = await _h.RunAsync("report", "--db", store, "--out", Path.Combine(_h.Directory, "report.html"), "--json");
        var karte = await _h.RunAsync("karte", "--company", "C-001", "--db", store, "--json");

        report.ExitCode.Should().Be(0, report.ToString());
        JsonNode.Parse(report.Stdout)!["companies"]!.GetValue<int>().Should().Be(2);
        File.Exists(Path.Combine(_h.Directory, "report.html")).Should().BeTrue();
        karte.ExitCode.Should().Be(0, karte.ToString());
        karte.Stdout.Should().Contain("C-001");
        Directory.GetFiles(mount.Path).Should().Equal([store], "nothing is created beside a read-only store");
        (await File.ReadAllBytesAsync(store)).Should().Equal(original);
    }

    /// <summary>A small demo store on a file system mounted read-only (its file and folder cannot be written, not even by root), and karte.csv.</summary>
    private async Task<SmallTmpfs?> ReadOnlyStoreAsync()
    {
        (await _h.RunAsync(["demo", "--no-sync", "--companies", "2", "--reps", "4", "--interactions", "10", "--proposals", "2"])).ExitCode.Should().Be(0);
        await File.WriteAllTextAsync(Path.Combine(_h.Directory, "karte.csv"), "会社名,担当者\n株式会社さくら販売,田中 太郎\n", new UTF8Encoding(false));
        var mount = SmallTmpfs.TryMount(Path.Combine(_h.Directory, "ro"), "64m");
        if (mount is not null)
        {
            // Everything committed into the file itself: the copy is the store alone, without a -wal file.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_h.DatabasePath};Pooling=False"))
            {
                connection.Open();
                using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                checkpoint.ExecuteNonQuery();
            }

            File.Copy(_h.DatabasePath, Path.Combine(mount.Path, "partnerkarte.db"));
            mount.ReadOnly();
        }

        return mount;
    }

    [Fact]
    public async Task A_full_disk_and_a_read_only_folder_exit_3_naming_the_store_and_leave_it_intact()
    {
        (await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo])).ExitCode.Should().Be(0);
        var original = await File.ReadAllBytesAsync(_h.DatabasePath);
        using var mount = SmallTmpfs.TryMount(Path.Combine(_h.Directory, "small"), "256k");
        if (mount is null)
        {
            // No tmpfs here (not root, or mounts not permitted): the same environment path, through a folder that cannot exist.
            await File.WriteAllTextAsync(Path.Combine(_h.Directory, "a-file"), "x");
            var blocked = await _h.RunAsync("demo", "--no-sync", "--db", Path.Combine(_h.Directory, "a-file", "partnerkarte.db"), "--json");
            blocked.ExitCode.Should().Be(3, blocked.ToString());
            Error(blocked)["code"]!.GetValue<string>().Should().Be("environment");
            return;
        }

        // Full: a 256 KiB file system cannot take the store; the demo fails as an environment problem naming the file.
        var full = await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo, "--db", Path.Combine(mount.Path, "full.db"), "--json"]);
        full.ExitCode.Should().Be(3, full.ToString());
        Error(full)["code"]!.GetValue<string>().Should().Be("environment");
        Error(full)["message"]!.GetValue<string>().Should().Contain("full.db");
        full.ToString().Should().NotContain("   at ");

        // Read-only: the store copied in, the file system remounted read-only (root cannot write there either).
        mount.Resize("64m");
        File.Delete(Path.Combine(mount.Path, "full.db"));
        File.Delete(Path.Combine(mount.Path, "full.db-journal"));
        File.Delete(Path.Combine(mount.Path, "full.db-wal"));
        var store = Path.Combine(mount.Path, "partnerkarte.db");
        File.Copy(_h.DatabasePath, store);
        mount.ReadOnly();
        var sync = await _h.RunAsync("sync", "--db", store, "--json");
        sync.ExitCode.Should().Be(3, sync.ToString());
        Error(sync)["code"]!.GetValue<string>().Should().Be("environment");
        Error(sync)["message"]!.GetValue<string>().Should().Contain("partnerkarte.db");
        (await File.ReadAllBytesAsync(store)).Should().Equal(original, "the store is left as it was");
    }

    /// <summary>A small tmpfs for disk-full and read-only faults, where the machine allows mounting one.</summary>
    private sealed class SmallTmpfs : IDisposable
    {
        private SmallTmpfs(string path) => Path = path;

        public string Path { get; }

        public static SmallTmpfs? TryMount(string path, string size)
        {
            Directory.CreateDirectory(path);
            return Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path) ? new SmallTmpfs(path) : null;
        }

        public void Resize(string size) => Run("mount", "-o", $"remount,size={size}", Path).Should().BeTrue();

        /// <summary>
        /// Remounts read-only. The kernel refuses (busy) while a file on the mount is open for writing, and a connection of
        /// an earlier run in this process may still be on its way back to the pool or awaiting finalization, so this retries
        /// for a while, releasing pooled connections each time, rather than depending on how fast they close on a busy machine.
        /// </summary>
        public void ReadOnly()
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (Run("mount", "-o", "remount,ro", Path))
                {
                    return;
                }

                DateTime.UtcNow.Should().BeBefore(deadline, "the file system should become read-only once nothing holds a file on it open for writing");
                Thread.Sleep(250);
            }
        }

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Run("umount", "-l", Path);
        }

        /// <summary>Runs a mount command; generous time, since process start-up is slow on a loaded machine.</summary>
        private static bool Run(string file, params string[] args)
        {
            try
            {
                var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var a in args)
                {
                    info.ArgumentList.Add(a);
                }

                using var p = Process.Start(info)!;
                if (!p.WaitForExit(120_000))
                {
                    p.Kill();
                    return false;
                }

                return p.ExitCode == 0;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return false;
            }
        }
    }
}
