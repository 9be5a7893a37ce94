using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using PartnerKarte.Console.Cli;

namespace PartnerKarte.Migration.Tests.Support;

/// <summary>Runs the <c>partnerkarte</c> console in-process, or as a child process, in a temporary directory.</summary>
public sealed class Cli : IDisposable
{
    private readonly TempDir dir = new();

    public string Directory => dir.Path;

    public Dictionary<string, string?> Environment { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string File(string name) => dir.File(name);

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = new CliEnvironment
        {
            Out = stdout,
            Error = stderr,
            WorkingDirectory = Directory,
            Variables = Environment,
            Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.FromHours(9))),
            OutputRedirected = true,
            UseUserSecrets = false,
        };
        var code = await CliApp.RunAsync(args, env);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Starts <c>dotnet partnerkarte.dll args</c> with only the configuration the test sets.</summary>
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
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "partnerkarte.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

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

    public void Dispose() => dir.Dispose();
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
