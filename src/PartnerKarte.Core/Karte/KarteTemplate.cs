using PartnerKarte.Validation;

namespace PartnerKarte.Karte;

/// <summary>
/// A team's karte template: the hearing items (ヒアリング項目) recorded for each partner company and rep, with
/// labels, types and whether each is required. Built-in schema fields can be listed too
/// (<see cref="KarteItemSource.BuiltIn"/>) so that karte completeness covers them. Load one from JSON with
/// <see cref="FromJson"/>, or start from <see cref="Default"/>. Immutable and safe to share across threads.
/// </summary>
public sealed class KarteTemplate
{
    private const string DefaultResource = "PartnerKarte.Karte.DefaultKarteTemplate.json";
    private static readonly Lazy<KarteTemplate> DefaultTemplate = new(LoadDefault);

    private readonly Dictionary<string, KarteItemDefinition> byKey;
    private readonly KarteItemDefinition[] companyItems;
    private readonly KarteItemDefinition[] repItems;

    private KarteTemplate(string name, int version, IReadOnlyList<KarteItemDefinition> items)
    {
        Name = name;
        Version = version;
        Items = items;
        byKey = new Dictionary<string, KarteItemDefinition>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            byKey[item.Key] = item;
        }

        companyItems = [.. items.Where(i => i.Level == KarteLevel.Company)];
        repItems = [.. items.Where(i => i.Level == KarteLevel.Rep)];
    }

    /// <summary>
    /// The default template shipped with the library: the article's minimum company and rep items (as built-in
    /// fields), business policy / strengths / challenges, partner targets, and the extended rep items (budget and
    /// KPI chased, evaluation axes, career type, internal influence, temperature toward us, preferred channel…).
    /// </summary>
    public static KarteTemplate Default => DefaultTemplate.Value;

    /// <summary>The template's name, e.g. <c>default</c>.</summary>
    public string Name { get; }

    /// <summary>The template's version, at least 1; bump it when items change meaning.</summary>
    public int Version { get; }

    /// <summary>All items, in template order.</summary>
    public IReadOnlyList<KarteItemDefinition> Items { get; }

    /// <summary>Creates a template from items built in code.</summary>
    /// <param name="name">The template's name.</param>
    /// <param name="items">The items.</param>
    /// <param name="version">The template's version.</param>
    /// <returns>The template.</returns>
    /// <exception cref="KarteTemplateException">The items are inconsistent (duplicate keys, missing choices, min above max…).</exception>
    public static KarteTemplate Create(string name, IEnumerable<KarteItemDefinition> items, int version = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        var problems = new List<ValidationProblem>();
        if (version < 1)
        {
            problems.Add(new ValidationProblem(name, "version", version.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be at least 1"));
        }

        CheckItems(list, i => $"items[{i}]", name, problems);
        if (problems.Count > 0)
        {
            throw new KarteTemplateException(name, problems);
        }

        return new KarteTemplate(name, version, list);
    }

    /// <summary>Parses a template from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Where it came from (a file name), used in error messages.</param>
    /// <returns>The template.</returns>
    /// <exception cref="KarteTemplateException">The JSON is malformed or describes an invalid template; every problem names its JSON path and item key.</exception>
    public static KarteTemplate FromJson(string json, string source = "template")
    {
        ArgumentNullException.ThrowIfNull(json);
        return KarteTemplateJson.Parse(json, source);
    }

    /// <summary>Reads a template from a JSON file.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The template.</returns>
    /// <exception cref="KarteTemplateException">The file describes an invalid template.</exception>
    public static async Task<KarteTemplate> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return KarteTemplateJson.Parse(json, Path.GetFileName(path));
    }

    /// <summary>Writes the template as indented JSON (Japanese labels unescaped), readable by <see cref="FromJson"/>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => KarteTemplateJson.Write(this);

    /// <summary>The items of one level, in template order.</summary>
    /// <param name="level">Company or rep.</param>
    /// <returns>The items.</returns>
    public IReadOnlyList<KarteItemDefinition> ItemsFor(KarteLevel level) => level == KarteLevel.Company ? companyItems : repItems;

    /// <summary>Finds an item by key.</summary>
    /// <param name="key">The item key.</param>
    /// <returns>The item, or <see langword="null"/>.</returns>
    public KarteItemDefinition? Find(string key) => key is not null && byKey.TryGetValue(key, out var d) ? d : null;

    /// <summary>Validates a company's custom item values against the template.</summary>
    /// <param name="company">The company.</param>
    /// <returns>The problems found; empty when valid.</returns>
    public IReadOnlyList<ValidationProblem> Validate(PartnerCompany company)
    {
        ArgumentNullException.ThrowIfNull(company);
        return Validate(KarteLevel.Company, $"company:{company.Id}", company.CustomItems);
    }

    /// <summary>Validates a rep's custom item values against the template.</summary>
    /// <param name="rep">The rep.</param>
    /// <returns>The problems found; empty when valid.</returns>
    public IReadOnlyList<ValidationProblem> Validate(PartnerRep rep)
    {
        ArgumentNullException.ThrowIfNull(rep);
        return Validate(KarteLevel.Rep, $"rep:{rep.Id}", rep.CustomItems);
    }

    /// <summary>Validates the custom item values of every company and rep of a data set.</summary>
    /// <param name="data">The kartes.</param>
    /// <returns>The problems found, companies first; empty when all are valid.</returns>
    public IReadOnlyList<ValidationProblem> Validate(KarteDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var problems = new List<ValidationProblem>();
        foreach (var company in data.Companies)
        {
            problems.AddRange(Validate(company));
        }

        foreach (var rep in data.Reps)
        {
            problems.AddRange(Validate(rep));
        }

        return problems;
    }

    /// <summary>
    /// Validates custom item values: unknown key, key of another level or of a built-in field, wrong type,
    /// choice not in the list, out of range, and required items missing or blank.
    /// </summary>
    /// <param name="level">The karte the values belong to.</param>
    /// <param name="record">The record, for the problems (e.g. <c>rep:R-001</c>).</param>
    /// <param name="values">The values, by item key.</param>
    /// <returns>The problems found; empty when valid.</returns>
    public IReadOnlyList<ValidationProblem> Validate(KarteLevel level, string record, IReadOnlyDictionary<string, KarteValue> values)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(values);
        List<ValidationProblem>? problems = null;
        void Add(string key, string? value, string reason) => (problems ??= []).Add(new ValidationProblem(record, key, value, reason));

        // Sorted so the problem list is stable whatever the dictionary's order.
        foreach (var (key, value) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!byKey.TryGetValue(key, out var def))
            {
                Add(key, value?.ToString(), $"unknown key: template '{Name}' has no item '{key}'");
                continue;
            }

            if (def.Level != level)
            {
                Add(key, value?.ToString(), $"unknown key: '{key}' is a {LevelName(def.Level)} item, not a {LevelName(level)} item");
                continue;
            }

            if (def.Source == KarteItemSource.BuiltIn)
            {
                Add(key, value?.ToString(), $"'{key}' is a built-in field; set it on the record, not as a custom item");
                continue;
            }

            if (value is null)
            {
                if (def.IsRequired)
                {
                    Add(key, null, $"required item '{def.Label.En}' ({def.Label.Ja}) is missing");
                }

                continue;
            }

            if (def.CheckValue(value) is { } reason)
            {
                Add(key, value.ToString(), reason);
            }
            else if (def.IsRequired && !value.IsFilled)
            {
                Add(key, value.ToString(), $"required item '{def.Label.En}' ({def.Label.Ja}) is blank");
            }
        }

        foreach (var def in ItemsFor(level))
        {
            if (def.IsRequired && def.Source == KarteItemSource.Custom && !values.ContainsKey(def.Key))
            {
                Add(def.Key, null, $"required item '{def.Label.En}' ({def.Label.Ja}) is missing");
            }
        }

        return problems is null ? [] : problems;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} v{Version} ({companyItems.Length} company items, {repItems.Length} rep items)";

    internal static KarteTemplate CreateUnchecked(string name, int version, IReadOnlyList<KarteItemDefinition> items) => new(name, version, items);

    /// <summary>Checks the consistency of a list of items, adding a problem per defect.</summary>
    internal static void CheckItems(IReadOnlyList<KarteItemDefinition> items, Func<int, string> pathOf, string record, List<ValidationProblem> problems)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var d = items[i];
            var path = pathOf(i);
            void Bad(string field, string? value, string reason) =>
                problems.Add(new ValidationProblem(record, field.Length == 0 ? path : $"{path}.{field}", value, $"item '{d.Key}': {reason}"));

            if (d is null)
            {
                problems.Add(new ValidationProblem(record, path, null, "item is null"));
                continue;
            }

            if (!IsValidKey(d.Key))
            {
                Bad("key", d.Key, "the key must be non-empty and use only letters, digits, '.', '_' and '-'");
            }
            else if (seen.TryGetValue(d.Key, out var first))
            {
                Bad("key", d.Key, $"duplicate key, first defined at {pathOf(first)}");
            }
            else
            {
                seen[d.Key] = i;
            }

            if (string.IsNullOrWhiteSpace(d.Label.Ja))
            {
                Bad("labelJa", d.Label.Ja, "the Japanese label must not be empty");
            }

            if (string.IsNullOrWhiteSpace(d.Label.En))
            {
                Bad("labelEn", d.Label.En, "the English label must not be empty");
            }

            if (!Enum.IsDefined(d.Level))
            {
                Bad("level", d.Level.ToString(), "unknown level");
            }

            if (!Enum.IsDefined(d.Type))
            {
                Bad("type", d.Type.ToString(), "unknown type");
            }

            if (!Enum.IsDefined(d.Requirement))
            {
                Bad("requirement", d.Requirement.ToString(), "unknown requirement");
            }

            var numeric = d.Type is KarteItemType.Integer or KarteItemType.Number or KarteItemType.Money or KarteItemType.Percent;
            if (!numeric && (d.Min is not null || d.Max is not null))
            {
                Bad(d.Min is not null ? "min" : "max", null, $"min and max apply only to numeric items, not to {KarteTemplateJson.TypeName(d.Type)}");
            }

            if (d.Min is decimal min && d.Max is decimal max && min > max)
            {
                Bad("min", KarteTemplateJson.Invariant(min), $"min {KarteTemplateJson.Invariant(min)} is above max {KarteTemplateJson.Invariant(max)}");
            }

            if (d.Source == KarteItemSource.BuiltIn)
            {
                if (!BuiltInKarteItems.TryGet(d.Key ?? string.Empty, out var level, out var type))
                {
                    Bad("key", d.Key, $"unknown built-in item (built-in keys: {string.Join(", ", BuiltInKarteItems.Keys)})");
                }
                else
                {
                    if (level != d.Level)
                    {
                        Bad("level", LevelName(d.Level), $"the built-in item is a {LevelName(level)} item");
                    }

                    if (type != d.Type)
                    {
                        Bad("type", KarteTemplateJson.TypeName(d.Type), $"the built-in item has type {KarteTemplateJson.TypeName(type)}");
                    }
                }

                continue;
            }

            if (!Enum.IsDefined(d.Source))
            {
                Bad("source", d.Source.ToString(), "unknown source");
            }

            var choices = d.Choices ?? [];
            if (d.Type is KarteItemType.Choice or KarteItemType.MultiChoice)
            {
                if (choices.Count == 0)
                {
                    Bad("choices", null, $"a {KarteTemplateJson.TypeName(d.Type)} item needs at least one choice");
                }

                var keys = new HashSet<string>(StringComparer.Ordinal);
                for (var j = 0; j < choices.Count; j++)
                {
                    var c = choices[j];
                    if (c is null || !IsValidKey(c.Key))
                    {
                        Bad($"choices[{j}].key", c?.Key, "the choice key must be non-empty and use only letters, digits, '.', '_' and '-'");
                    }
                    else if (!keys.Add(c.Key))
                    {
                        Bad($"choices[{j}].key", c.Key, $"duplicate choice key '{c.Key}'");
                    }
                    else if (string.IsNullOrWhiteSpace(c.Label.Ja) || string.IsNullOrWhiteSpace(c.Label.En))
                    {
                        Bad($"choices[{j}]", c.Key, "the choice needs Japanese and English labels");
                    }
                }
            }
            else if (choices.Count > 0)
            {
                Bad("choices", null, $"choices apply only to choice and multiChoice items, not to {KarteTemplateJson.TypeName(d.Type)}");
            }
        }
    }

    private static bool IsValidKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 100)
        {
            return false;
        }

        foreach (var ch in key)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static string LevelName(KarteLevel level) => level == KarteLevel.Company ? "company" : "rep";

    private static KarteTemplate LoadDefault()
    {
        using var stream = typeof(KarteTemplate).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"Embedded resource {DefaultResource} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return KarteTemplateJson.Parse(reader.ReadToEnd(), "default");
    }
}
