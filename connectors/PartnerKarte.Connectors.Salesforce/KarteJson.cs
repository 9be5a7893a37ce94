using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PartnerKarte.Karte;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>
/// The lossless form of a karte record kept in the <c>PK_Karte__c</c> long-text field:
/// <c>{"v":1,"record":{...},"sf":{field: fingerprint of the written value}}</c>. <c>record</c> is the whole karte record (custom items,
/// episodes, kana, tags, contract, next action ...); <c>sf</c> fingerprints what was written to each mapped standard field,
/// so a read can tell a field a Salesforce user edited since (then the standard field wins) from one that only
/// holds a projection (truncated to the field length, a placeholder for a required field ...).
/// </summary>
internal static class KarteJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static JsonNode? ToNode<T>(T record) => JsonSerializer.SerializeToNode(record, Options);

    public static T? FromNode<T>(JsonNode? node) => node is null ? default : node.Deserialize<T>(Options);

    /// <summary>Parses the envelope; <see langword="null"/> when the field is empty or not ours.</summary>
    public static (JsonNode Record, JsonObject Written)? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) is JsonObject o && o["v"]?.GetValue<int>() == 1 && o["record"] is { } record
                ? (record, o["sf"] as JsonObject ?? [])
                : null;
        }
        catch (JsonException)
        {
            return null; // edited by hand into something else: fall back to the standard fields
        }
    }

    public static string Envelope(JsonNode record, JsonObject written) =>
        new JsonObject { ["v"] = 1, ["record"] = record, ["sf"] = written }.ToJsonString(Options);

    /// <summary>A short fingerprint of a <see cref="Token"/> (long texts are not stored twice).</summary>
    public static string? Fingerprint(string? token) =>
        token is null ? null : Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)).AsSpan(0, 12));

    /// <summary>A comparable form of a field value as written or as read: numbers without trailing zeros, instants in UTC.</summary>
    public static string? Token(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return node is null ? null : node.ToJsonString();
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                if (text.Length > 10 && text[4] == '-' && text[10] == 'T' && TryInstant(text, out var instant))
                {
                    return (instant.UtcTicks / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture); // the API keeps milliseconds
                }

                return text.Length == 0 ? null : text;
            case JsonValueKind.Number:
                var d = decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                return (d / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            default:
                return null;
        }
    }

    private static bool TryInstant(string text, out DateTimeOffset instant)
    {
        if (text.Length > 5 && text[^5] is '+' or '-' && text[^3] != ':')
        {
            text = text[..^2] + ":" + text[^2..];
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            IgnoreReadOnlyProperties = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Japanese text stays readable (and shorter) in the field
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new IdConverter<CompanyId>(v => new CompanyId(v), id => id.Value));
        options.Converters.Add(new IdConverter<RepId>(v => new RepId(v), id => id.Value));
        options.Converters.Add(new IdConverter<ProposalId>(v => new ProposalId(v), id => id.Value));
        options.Converters.Add(new IdConverter<InteractionId>(v => new InteractionId(v), id => id.Value));
        options.Converters.Add(new IdConverter<UserId>(v => new UserId(v), id => id.Value));
        options.Converters.Add(new KarteValueConverter());
        options.Converters.Add(new IdConverter<MbtiType>(v => MbtiType.TryParse(v, out var t) ? t : throw new JsonException("Not an MBTI type."), t => t.Code));
        return options;
    }

    private sealed class IdConverter<T>(Func<string, T> create, Func<T, string> value) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => create(reader.GetString() ?? string.Empty);

        public override void Write(Utf8JsonWriter writer, T value1, JsonSerializerOptions options) => writer.WriteStringValue(value(value1));
    }

    /// <summary>Custom item values: <c>{"t":"Money","n":1200000}</c>, rebuilt through the <see cref="KarteValue"/> factories.</summary>
    private sealed class KarteValueConverter : JsonConverter<KarteValue>
    {
        public override KarteValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var o = JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("A karte value must be an object.");
            var type = Enum.Parse<KarteItemType>(o["t"]!.GetValue<string>());
            var text = o["x"]?.GetValue<string>();
            return type switch
            {
                KarteItemType.Text => KarteValue.FromText(text),
                KarteItemType.LongText => KarteValue.FromText(text, multiline: true),
                KarteItemType.Choice => KarteValue.FromChoice(text),
                KarteItemType.Integer or KarteItemType.Number or KarteItemType.Money or KarteItemType.Percent => KarteValue.FromNumber(o["n"]?.GetValue<decimal>(), type),
                KarteItemType.Boolean => KarteValue.FromBoolean(o["b"]?.GetValue<bool>()),
                KarteItemType.Date => KarteValue.FromDate(o["d"] is { } d ? DateOnly.ParseExact(d.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture) : null),
                KarteItemType.MultiChoice => KarteValue.FromItems((o["i"] as JsonArray ?? []).Select(i => i!.GetValue<string>()), tags: false),
                _ => KarteValue.FromItems((o["i"] as JsonArray ?? []).Select(i => i!.GetValue<string>())),
            };
        }

        public override void Write(Utf8JsonWriter writer, KarteValue value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("t", value.Type.ToString());
            if (value.Text is not null)
            {
                writer.WriteString("x", value.Text);
            }

            if (value.Number is { } n)
            {
                writer.WriteNumber("n", n);
            }

            if (value.Boolean is { } b)
            {
                writer.WriteBoolean("b", b);
            }

            if (value.Date is { } d)
            {
                writer.WriteString("d", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            if (value.Items.Count > 0)
            {
                writer.WriteStartArray("i");
                foreach (var item in value.Items)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }
    }
}
