using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using PartnerKarte.Console.Cli;

namespace PartnerKarte.Console.Tests;

/// <summary>Runs the console in-process (fast) or as a child process (the real program), in a temporary directory.</summary>
public sealed class ConsoleHarness : IDisposable
{
    /// <summary>The fixed "now" of in-process runs: 2026-11-01 09:00 JST.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.FromHours(9));

    /// <summary>Small demo data: fast enough for every test, large enough to show ranks and alerts.</summary>
    public static readonly string[] SmallDemo = ["--companies", "12", "--reps", "60", "--interactions", "3000", "--proposals", "300"];

    public ConsoleHarness()
    {
        Directory = Path.Combine(Path.GetTempPath(), "pk-console-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public Dictionary<string, string?> Environment { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string DatabasePath => Path.Combine(Directory, "partnerkarte.db");

    public static string ProgramPath => Path.Combine(AppContext.BaseDirectory, "partnerkarte.dll");

    public async Task<RunResult> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = new CliEnvironment
        {
            Out = stdout,
            Error = stderr,
            WorkingDirectory = Directory,
            Variables = Environment,
            Time = new FakeTimeProvider(Now),
            OutputRedirected = true,
            UseUserSecrets = false,
        };
        var code = await CliApp.RunAsync(args, env);
        return new RunResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Starts <c>dotnet partnerkarte.dll args</c> in the harness directory.</summary>
    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(ProgramPath);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // A clean environment for configuration: only what the test sets.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith(CliConfiguration.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in Environment)
        {
            info.Environment[k] = v;
        }

        return Process.Start(info)!;
    }

    public async Task<RunResult> RunProcessAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return new RunResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp directory is cleaned by the OS.
        }
    }
}

public sealed record RunResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
