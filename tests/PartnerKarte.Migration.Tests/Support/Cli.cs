using System.Diagnostics;
using PartnerKarte.Console.Tests;

namespace PartnerKarte.Migration.Tests.Support;

/// <summary>
/// Runs the <c>partnerkarte</c> console in-process, or as a child process, in a temporary directory: the console
/// tests' <see cref="ConsoleHarness"/> (linked source), with the file helper these tests use.
/// </summary>
public sealed class Cli : IDisposable
{
    private readonly ConsoleHarness harness = new();

    public string Directory => harness.Directory;

    public Dictionary<string, string?> Environment => harness.Environment;

    public string File(string name) => Path.Combine(Directory, name);

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var result = await harness.RunAsync(args);
        return new CliResult(result.ExitCode, result.Stdout, result.Stderr);
    }

    /// <summary>Starts <c>dotnet partnerkarte.dll args</c> with only the configuration the test sets.</summary>
    public Process Start(params string[] args) => harness.Start(args);

    public void Dispose() => harness.Dispose();
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
