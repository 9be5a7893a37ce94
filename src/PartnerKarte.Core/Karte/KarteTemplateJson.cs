using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using PartnerKarte.Validation;

namespace PartnerKarte.Karte;

/// <summary>
/// Reads and writes the template JSON format by hand (JsonDocument / Utf8JsonWriter) so that every problem can be
/// reported with its JSON path and item key, unknown properties (typos such as <c>lable</c>) are caught, and no
/// reflection-based serializer is needed.
/// </summary>
internal static class KarteTemplateJson
{
    private static readonly string[] TypeNames =
        ["text", "longText", "integer", "number", "money", "percent", "boolean", "date", "choice", "multiChoice", "tags"];

    private static readonly HashSet<string> RootProperties = new(StringComparer.Ordinal) { "name", "version", "items", "$schema" };

    private static readonly HashSet<string> ItemProperties = new(StringComparer.Ordinal)
    {
        "key", "labelJa", "labelEn", "level", "type", "requirement", "source", "choices", "min", "max",
    };

    private static readonly HashSet<string> ChoiceProperties = new(StringComparer.Ordinal) { "key", "labelJa", "labelEn" };

    public static string TypeName(KarteItemType type) =>
        (uint)type < (uint)TypeNames.Length ? TypeNames[(int)type] : type.ToString();

    public static KarteTemplate Parse(string json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new KarteTemplateException(source, [new ValidationProblem(source, ex.Path ?? "$", null,
                $"not valid JSON at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}: {ex.Message}")]);
        }

        using (doc)
        {
            return Parse(doc.RootElement, source);
        }
    }

    private static KarteTemplate Parse(JsonElement root, string source)
    {
        var problems = new List<ValidationProblem>();
        void Add(string path, string? value, string reason) => problems.Add(new ValidationProblem(source, path, value, reason));

        if (root.ValueKind != JsonValueKind.Object)
        {
            Add("$", null, $"the template must be a JSON object, found {root.ValueKind}");
            throw new KarteTemplateException(source, problems);
        }

        var name = "custom";
        var version = 1;
        var items = new List<KarteItemDefinition>();
        var paths = new List<string>();
        var sawItems = false;
        foreach (var prop in root.EnumerateObject())
        {
            switch (prop.Name)
            {
                case "name":
                    if (prop.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(prop.Value.GetString()))
                    {
                        name = prop.Value.GetString()!;
                    }
                    else
                    {
                        Add("$.name", prop.Value.GetRawText(), "must be a non-empty string");
                    }

                    break;
                case "version":
                    if (!(prop.Value.ValueKind == JsonValueKind.Number && prop.Value.TryGetInt32(out version) && version >= 1))
                    {
                        Add("$.version", prop.Value.GetRawText(), "must be a whole number of at least 1");
                    }

                    break;
                case "items":
                    sawItems = true;
                    if (prop.Value.ValueKind != JsonValueKind.Array)
                    {
                        Add("$.items", null, $"must be an array, found {prop.Value.ValueKind}");
                        break;
                    }

                    var i = 0;
                    foreach (var el in prop.Value.EnumerateArray())
                    {
                        var path = $"$.items[{i}]";
                        if (ParseItem(el, path, Add) is { } def)
                        {
                            items.Add(def);
                            paths.Add(path);
                        }

                        i++;
                    }

                    break;
                default:
                    if (!RootProperties.Contains(prop.Name))
                    {
                        Add($"$.{prop.Name}", null, $"unknown property '{prop.Name}' (expected name, version, items)");
                    }

                    break;
            }
        }

        if (!sawItems)
        {
            Add("$.items", null, "missing: the template needs an 'items' array");
        }

        KarteTemplate.CheckItems(items, i => paths[i], source, problems);
        if (problems.Count > 0)
        {
            throw new KarteTemplateException(source, problems);
        }

        return KarteTemplate.CreateUnchecked(name, version, items);
    }

    private static KarteItemDefinition? ParseItem(JsonElement el, string path, Action<string, string?, string> add)
    {
        if (el.ValueKind != JsonValueKind.Object)
        {
            add(path, null, $"each item must be a JSON object, found {el.ValueKind}");
            return null;
        }

        var key = el.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        var who = string.IsNullOrWhiteSpace(key) ? "item" : $"item '{key}'";
        var ok = true;
        void Bad(string field, string? value, string reason)
        {
            add($"{path}.{field}", value, $"{who}: {reason}");
            ok = false;
        }

        foreach (var prop in el.EnumerateObject())
        {
            if (!ItemProperties.Contains(prop.Name))
            {
                Bad(prop.Name, null, $"unknown property '{prop.Name}' (expected {string.Join(", ", ItemProperties)})");
            }
        }

        if (string.IsNullOrWhiteSpace(key))
        {
            Bad("key", null, "missing: every item needs a non-empty string 'key'");
        }

        var labelJa = ReadString(el, "labelJa", required: true, Bad);
        var labelEn = ReadString(el, "labelEn", required: false, Bad);
        var level = ReadEnum(el, "level", ["company", "rep"], required: true, Bad);
        var type = ReadEnum(el, "type", TypeNames, required: true, Bad);
        var requirement = ReadEnum(el, "requirement", ["recommended", "required", "optional"], required: false, Bad) ?? 0;
        var sourceKind = ReadEnum(el, "source", ["custom", "builtin"], required: false, Bad) ?? 0;
        var min = ReadDecimal(el, "min", Bad);
        var max = ReadDecimal(el, "max", Bad);
        var choices = new List<KarteChoice>();
        if (el.TryGetProperty("choices", out var ch))
        {
            if (ch.ValueKind != JsonValueKind.Array)
            {
                Bad("choices", null, $"must be an array, found {ch.ValueKind}");
            }
            else
            {
                var j = 0;
                foreach (var c in ch.EnumerateArray())
                {
                    var cpath = $"choices[{j}]";
                    if (c.ValueKind != JsonValueKind.Object)
                    {
                        Bad(cpath, null, $"each choice must be a JSON object, found {c.ValueKind}");
                    }
                    else
                    {
                        foreach (var prop in c.EnumerateObject())
                        {
                            if (!ChoiceProperties.Contains(prop.Name))
                            {
                                Bad($"{cpath}.{prop.Name}", null, $"unknown property '{prop.Name}' (expected key, labelJa, labelEn)");
                            }
                        }

                        var ck = ReadString(c, "key", required: true, (f, v, r) => Bad($"{cpath}.{f}", v, r));
                        var cja = ReadString(c, "labelJa", required: true, (f, v, r) => Bad($"{cpath}.{f}", v, r));
                        var cen = ReadString(c, "labelEn", required: false, (f, v, r) => Bad($"{cpath}.{f}", v, r));
                        if (ck is not null && cja is not null)
                        {
                            choices.Add(new KarteChoice(ck, cja, cen ?? cja));
                        }
                    }

                    j++;
                }
            }
        }

        if (!ok)
        {
            return null;
        }

        return new KarteItemDefinition
        {
            Key = key!,
            Label = new LocalizedText(labelJa!, labelEn ?? labelJa!),
            Level = (KarteLevel)level!.Value,
            Type = (KarteItemType)type!.Value,
            Requirement = (KarteItemRequirement)requirement,
            Source = (KarteItemSource)sourceKind,
            Choices = choices,
            Min = min,
            Max = max,
        };
    }

    private static string? ReadString(JsonElement el, string name, bool required, Action<string, string?, string> bad)
    {
        if (!el.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                bad(name, null, $"missing: '{name}' is required");
            }

            return null;
        }

        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            bad(name, v.GetRawText(), "must be a non-empty string");
            return null;
        }

        return v.GetString()!.Trim();
    }

    private static int? ReadEnum(JsonElement el, string name, string[] names, bool required, Action<string, string?, string> bad)
    {
        if (!el.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                bad(name, null, $"missing: '{name}' is required (one of {string.Join(", ", names)})");
            }

            return null;
        }

        var s = v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], s, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        bad(name, v.GetRawText(), $"unknown {name} {v.GetRawText()} (expected one of {string.Join(", ", names)})");
        return null;
    }

    private static decimal? ReadDecimal(JsonElement el, string name, Action<string, string?, string> bad)
    {
        if (!el.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d))
        {
            return d;
        }

        bad(name, v.GetRawText(), "must be a number");
        return null;
    }

    public static string Write(KarteTemplate template)
    {
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
        using (var w = new Utf8JsonWriter(stream, options))
        {
            w.WriteStartObject();
            w.WriteString("name", template.Name);
            w.WriteNumber("version", template.Version);
            w.WriteStartArray("items");
            foreach (var item in template.Items)
            {
                w.WriteStartObject();
                w.WriteString("key", item.Key);
                w.WriteString("labelJa", item.Label.Ja);
                w.WriteString("labelEn", item.Label.En);
                w.WriteString("level", item.Level == KarteLevel.Company ? "company" : "rep");
                w.WriteString("type", TypeName(item.Type));
                w.WriteString("requirement", item.Requirement switch { KarteItemRequirement.Required => "required", KarteItemRequirement.Optional => "optional", _ => "recommended" });
                if (item.Source == KarteItemSource.BuiltIn)
                {
                    w.WriteString("source", "builtin");
                }

                if (item.Min is decimal min)
                {
                    w.WriteNumber("min", min);
                }

                if (item.Max is decimal max)
                {
                    w.WriteNumber("max", max);
                }

                if (item.Choices.Count > 0)
                {
                    w.WriteStartArray("choices");
                    foreach (var c in item.Choices)
                    {
                        w.WriteStartObject();
                        w.WriteString("key", c.Key);
                        w.WriteString("labelJa", c.Label.Ja);
                        w.WriteString("labelEn", c.Label.En);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static string Invariant(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
