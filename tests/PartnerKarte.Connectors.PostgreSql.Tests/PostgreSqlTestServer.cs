using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PartnerKarte.Connectors.PostgreSql.Tests;

/// <summary>
/// A throw-away PostgreSQL server for the tests: <c>initdb</c> into a temporary folder, started with <c>pg_ctl</c> on a free
/// loopback port with its socket in that folder, stopped and deleted on dispose. As root the server runs as the
/// <c>postgres</c> OS user (PostgreSQL refuses to run as root). The binaries come from <c>PARTNERKARTE_PG_BINDIR</c>,
/// <c>pg_config --bindir</c> or <c>/usr/lib/postgresql/*/bin</c> (tests/setup/postgresql.sh installs them when missing).
/// </summary>
public sealed class PostgreSqlTestServer : IDisposable
{
    private const string Superuser = "partnerkarte";
    private readonly string binDir;
    private readonly string dataDir;
    private readonly string? runAs;
    private int schemas;

    public PostgreSqlTestServer()
    {
        binDir = FindBinDir();
        Root = Directory.CreateTempSubdirectory("pk-postgres-").FullName;
        dataDir = Path.Combine(Root, "data");
        var socketDir = Path.Combine(Root, "sock");
        Directory.CreateDirectory(socketDir);
        runAs = Environment.UserName == "root" || IsRoot() ? "postgres" : null;
        if (runAs is not null)
        {
            Run("/bin/chown", ["-R", runAs, Root], asServerUser: false);
        }

        Run(Path.Combine(binDir, "initdb"), ["-D", dataDir, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"], asServerUser: true);
        Exception? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Port = FreePort();
            try
            {
                Run(Path.Combine(binDir, "pg_ctl"), ["-D", dataDir, "-l", Path.Combine(Root, "server.log"), "-w", "-t", "60", "start", "-o",
                    string.Create(CultureInfo.InvariantCulture, $"-p {Port} -k {socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=256MB")], asServerUser: true);
                last = null;
                break;
            }
            catch (InvalidOperationException ex)
            {
                last = ex; // The port was taken between the probe and the start: try another.
            }
        }

        if (last is not null)
        {
            throw last;
        }

        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = Superuser,
            Database = "postgres",
            MaxPoolSize = 100,
            Timeout = 30,
        }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <summary>The temporary folder of the server (data, socket, log).</summary>
    public string Root { get; }

    public int Port { get; private set; }

    public string ConnectionString { get; }

    /// <summary>A data source on the server, shared by the tests.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>A schema name not used before on this server: each test gets an empty store.</summary>
    public string NewSchema(string prefix = "t") => string.Create(CultureInfo.InvariantCulture, $"{prefix}_{Interlocked.Increment(ref schemas)}_{Guid.NewGuid():N}")[..Math.Min(63, prefix.Length + 34)];

    /// <summary>Options for a fresh store (small pages and batches, to exercise paging).</summary>
    public PostgreSqlStoreOptions NewOptions() => new() { Schema = NewSchema(), PageSize = 4, WriteBatchSize = 50 };

    public void Dispose()
    {
        DataSource.Dispose();
        NpgsqlConnection.ClearAllPools();
        try
        {
            Run(Path.Combine(binDir, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"], asServerUser: true);
        }
        finally
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // The OS cleans the temporary folder.
            }
        }
    }

    private static bool IsRoot()
    {
        try
        {
            return File.ReadAllLines("/proc/self/status").Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string FindBinDir()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("PARTNERKARTE_PG_BINDIR") is { Length: > 0 } env)
        {
            candidates.Add(env);
        }

        try
        {
            using var p = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (p is not null)
            {
                var output = p.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit();
                if (p.ExitCode == 0)
                {
                    candidates.Add(output);
                }
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No pg_config on the PATH.
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin")));
        }

        candidates.Add("/usr/local/pgsql/bin");
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) were not found: install the 'postgresql' package (tests/setup/postgresql.sh does it on Debian and Ubuntu) or set PARTNERKARTE_PG_BINDIR.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Run(string file, IReadOnlyList<string> args, bool asServerUser)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Root };
        if (asServerUser && runAs is not null)
        {
            info.FileName = "runuser";
            foreach (var a in new[] { "-u", runAs, "--", file })
            {
                info.ArgumentList.Add(a);
            }
        }
        else
        {
            info.FileName = file;
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {file}.");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(file)} did not finish in 2 minutes.");
        }

        if (p.ExitCode != 0)
        {
            var log = Path.Combine(Root, "server.log");
            var serverLog = File.Exists(log) ? File.ReadAllText(log) : string.Empty;
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({p.ExitCode.ToString(CultureInfo.InvariantCulture)}): {stdout.Result} {stderr.Result} {serverLog}");
        }
    }
}
