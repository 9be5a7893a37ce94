using System.Collections;

namespace PartnerKarte.Console.Cli;

/// <summary>
/// Everything the console takes from its surroundings, so tests can run it in-process: output writers,
/// working directory, environment variables, the clock and whether output goes to a terminal.
/// </summary>
internal sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required string WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string?> Variables { get; init; } = new Dictionary<string, string?>();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Whether stdout is redirected (a file or a pipe): no colours, no progress bars.</summary>
    public bool OutputRedirected { get; init; } = true;

    /// <summary>Whether user secrets are read (off in tests so a developer's secrets never leak into them).</summary>
    public bool UseUserSecrets { get; init; } = true;

    public static CliEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            variables[(string)e.Key] = e.Value as string;
        }

        // Japanese output must survive Windows consoles and pipes alike.
        global::System.Console.OutputEncoding = System.Text.Encoding.UTF8;
        return new CliEnvironment
        {
            Out = global::System.Console.Out,
            Error = global::System.Console.Error,
            WorkingDirectory = Environment.CurrentDirectory,
            Variables = variables,
            OutputRedirected = global::System.Console.IsOutputRedirected,
        };
    }

    /// <summary>A path as given on the command line or in configuration, relative to the working directory.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(WorkingDirectory, path));
}
