using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace PartnerKarte.Console.Cli;

/// <summary>
/// The console's configuration, in the library's schema (<c>PartnerKarte:Sync:BatchSize</c>, <c>PartnerKarte:Salesforce:*</c>, …):
/// <c>appsettings.json</c> next to the program, then <c>appsettings.json</c> in the working directory, then user secrets,
/// then environment variables prefixed <c>PARTNERKARTE_</c>, which stands for the <c>PartnerKarte</c> section
/// (<c>PARTNERKARTE_Sync__BatchSize</c> sets <c>PartnerKarte:Sync:BatchSize</c>), then command-line options. Every typed
/// read names the key when the value is malformed. <see cref="ToSchemaKey"/> maps the console's earlier keys onto the schema.
/// </summary>
internal sealed class CliConfiguration
{
    public const string EnvironmentPrefix = "PARTNERKARTE_";

    private readonly IReadOnlyList<string?> providerSources;
    private readonly IReadOnlyDictionary<string, string> environmentNames;

    private CliConfiguration(IConfigurationRoot root, IReadOnlyList<string> sources, IReadOnlyList<string?> providerSources, IReadOnlyDictionary<string, string> environmentNames)
    {
        Root = root;
        Sources = sources;
        this.providerSources = providerSources;
        this.environmentNames = environmentNames;
    }

    /// <summary>
    /// Where the value of a key comes from: the last source that sets it ("file /path/appsettings.json", "user secrets",
    /// "environment variable PARTNERKARTE_…"), or null when none does. Never the value itself.
    /// </summary>
    public string? SourceOf(string key)
    {
        var providers = Root.Providers.ToList();
        for (var i = providers.Count - 1; i >= 0; i--)
        {
            if (providers[i].TryGet(key, out _))
            {
                return i < providerSources.Count && providerSources[i] is { } described
                    ? described
                    : $"environment variable {(environmentNames.TryGetValue(key, out var name) ? name : EnvironmentName(key))}";
            }
        }

        return null;
    }

    /// <summary>The merged configuration, for connectors that bind their own sections.</summary>
    public IConfigurationRoot Root { get; }

    /// <summary>The files that were read, for <c>doctor</c>.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The section the <see cref="EnvironmentPrefix"/> and every key of the console live in.</summary>
    public const string SchemaRoot = "PartnerKarte";

    public static string EnvironmentName(string key) =>
        EnvironmentPrefix + (key.StartsWith(SchemaRoot + ":", StringComparison.OrdinalIgnoreCase) ? key[(SchemaRoot.Length + 1)..] : key).Replace(":", "__", StringComparison.Ordinal);

    /// <summary>
    /// The one place where the console's earlier keys (top-level <c>Sync</c>, <c>Sqlite</c>, <c>Salesforce</c>, <c>Dataverse</c>,
    /// <c>PostgreSql</c>, <c>Demo</c> sections, and <c>Sync:Connector</c>) map onto the library's schema, so older appsettings.json
    /// files keep working: <c>Salesforce:LoginUrl</c> is <c>PartnerKarte:Salesforce:LoginUrl</c>, <c>Sync:Connector</c> is
    /// <c>PartnerKarte:Connector</c>. Keys already under <c>PartnerKarte</c> and any other key are kept.
    /// </summary>
    public static string ToSchemaKey(string key)
    {
        var rest = key.StartsWith(SchemaRoot + ":", StringComparison.OrdinalIgnoreCase) ? key[(SchemaRoot.Length + 1)..]
            : LegacySections.Any(s => key.Equals(s, StringComparison.OrdinalIgnoreCase) || key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)) ? key
            : null;
        if (rest is null)
        {
            return key;
        }

        return SchemaRoot + ":" + (rest.Equals("Sync:Connector", StringComparison.OrdinalIgnoreCase) ? "Connector" : rest);
    }

    private static readonly string[] LegacySections = ["Sync", "Sqlite", "Salesforce", "Dataverse", "PostgreSql", "Demo"];

    /// <summary>Reads one source on its own and adds its values under their schema keys, keeping the order of precedence.</summary>
    private static void AddMapped(ConfigurationBuilder builder, Action<IConfigurationBuilder> add)
    {
        var single = new ConfigurationBuilder();
        add(single);
        IConfigurationRoot read;
        try
        {
            read = single.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw CliException.BadInput($"A configuration file is not valid JSON: {ex.Message}", ex);
        }

        // A key given in the schema wins over the same key given the earlier way in the same file.
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in read.AsEnumerable().Where(kv => kv.Value is not null)
                     .OrderBy(kv => kv.Key.StartsWith(SchemaRoot + ":", StringComparison.OrdinalIgnoreCase)))
        {
            values[ToSchemaKey(key)] = value;
        }

        builder.AddInMemoryCollection(values);
    }

    public static CliConfiguration Load(CliEnvironment env)
    {
        var builder = new ConfigurationBuilder();
        var sources = new List<string>();
        var providerSources = new List<string?>();
        foreach (var file in new[] { Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Path.Combine(env.WorkingDirectory, "appsettings.json") }.Distinct(StringComparer.Ordinal))
        {
            if (File.Exists(file))
            {
                AddMapped(builder, b => b.AddJsonFile(file, optional: true, reloadOnChange: false));
                sources.Add(file);
                providerSources.Add($"file {file}");
            }
        }

        if (env.UseUserSecrets)
        {
            AddMapped(builder, b => b.AddUserSecrets(typeof(CliConfiguration).Assembly, optional: true, reloadOnChange: false));
            providerSources.Add("user secrets");
        }

        var fromEnvironment = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var environmentNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in env.Variables)
        {
            if (name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > EnvironmentPrefix.Length)
            {
                var key = ToSchemaKey(SchemaRoot + ":" + name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal));
                fromEnvironment[key] = value;
                environmentNames[key] = name;
            }
        }

        builder.AddInMemoryCollection(fromEnvironment);
        try
        {
            providerSources.Add(null); // the environment variables, named per key
            return new CliConfiguration(builder.Build(), sources, providerSources, environmentNames);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw CliException.BadInput($"A configuration file is not valid JSON: {ex.Message}", ex);
        }
    }

    public string? GetString(string key, string? fallback = null)
    {
        var value = Root[key];
        return string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
    }

    public int? GetInt(string key, int min, int max)
    {
        var value = GetString(key);
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            throw new ConfigurationValueException(key, SourceOf(key), $"must be a whole number between {min} and {max}, but is '{Shorten(value)}'");
        }

        if (n < min || n > max)
        {
            throw new ConfigurationValueException(key, SourceOf(key), $"must be between {min} and {max}, but is {n}");
        }

        return n;
    }

    public bool? GetBool(string key)
    {
        var value = GetString(key);
        if (value is null)
        {
            return null;
        }

        return bool.TryParse(value, out var b) ? b : throw new ConfigurationValueException(key, SourceOf(key), $"must be true or false, but is '{Shorten(value)}'");
    }

    public string? GetChoice(string key, IReadOnlyCollection<string> choices)
    {
        var value = GetString(key);
        if (value is null)
        {
            return null;
        }

        var match = choices.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new ConfigurationValueException(key, SourceOf(key), $"must be one of {string.Join(", ", choices)}, but is '{Shorten(value)}'");
    }

    public DateTimeOffset? GetInstant(string key)
    {
        var value = GetString(key);
        if (value is null)
        {
            return null;
        }

        return ParseInstant(value) ?? throw new ConfigurationValueException(key, SourceOf(key), $"must be a date or date-time such as 2026-11-01 or 2026-11-01T09:00:00+09:00, but is '{Shorten(value)}'");
    }

    /// <summary>The earliest as-of instant accepted: scoring looks back years from it, so it must leave room before year 1.</summary>
    public static readonly DateTimeOffset MinInstant = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest as-of instant accepted.</summary>
    public static readonly DateTimeOffset MaxInstant = new(2199, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Parses <c>2026-11-01</c> (midnight JST) or an ISO 8601 date-time between <see cref="MinInstant"/> and <see cref="MaxInstant"/>.</summary>
    public static DateTimeOffset? ParseInstant(string value)
    {
        DateTimeOffset instant;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (date.Year is < 1990 or > 2199)
            {
                return null;
            }

            instant = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9));
        }
        else if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant))
        {
            return null;
        }

        return instant >= MinInstant && instant <= MaxInstant ? instant : null;
    }

    // A malformed value may be a mistyped secret: show only its start.
    private static string Shorten(string value) => value.Length <= 24 ? value : value[..12] + "…";
}
