using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace PartnerKarte.Console.Cli;

/// <summary>
/// Where a command writes: a Spectre console for people, or exactly one JSON document on stdout with
/// <c>--json</c>. Progress bars only when a person is watching (a terminal, no <c>--json</c>).
/// </summary>
internal sealed class CliOutput
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Japanese stays readable; the JSON goes to stdout, never into HTML
        Converters = { new JsonStringEnumConverter(), new KarteIdJsonConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly CliEnvironment _env;

    public CliOutput(CliEnvironment env, bool json)
    {
        _env = env;
        Json = json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(env.Out),
            Ansi = env.OutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = env.OutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = env.OutputRedirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (env.OutputRedirected)
        {
            Console.Profile.Width = 120;
        }
    }

    /// <summary>Whether the command writes JSON instead of text.</summary>
    public bool Json { get; }

    /// <summary>The console for human-readable output.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Whether progress bars may be drawn.</summary>
    public bool ShowProgress => !Json && !_env.OutputRedirected;

    public void WriteJson(object value) => _env.Out.WriteLine(JsonSerializer.Serialize(value, value.GetType(), JsonOptions));

    /// <summary>Reports a failure: a JSON error document with <c>--json</c>, a red line on stderr otherwise.</summary>
    public void WriteError(string code, string message, int exitCode, string? key = null)
    {
        if (Json)
        {
            WriteJson(new { ok = false, exitCode, error = new { code, key, message } });
        }
        else
        {
            _env.Error.WriteLine($"error: {message}");
        }
    }

    /// <summary>A line of text (suppressed with <c>--json</c>).</summary>
    public void Line(string markup)
    {
        if (!Json)
        {
            Console.MarkupLine(markup);
        }
    }

    /// <summary>Runs work with a progress bar when a person is watching, silently otherwise.</summary>
    public async Task<T> WithProgressAsync<T>(string title, Func<IProgress<(long Done, long Total)>, Task<T>> work)
    {
        if (!ShowProgress)
        {
            return await work(new Progress<(long, long)>(_ => { })).ConfigureAwait(false);
        }

        T result = default!;
        await Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                var progress = new SynchronousProgress<(long Done, long Total)>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = Math.Min(p.Done, task.MaxValue);
                });
                result = await work(progress).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }

    /// <summary>A progress sink that updates in the reporting thread (Progress&lt;T&gt; posts to a context we do not have).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
