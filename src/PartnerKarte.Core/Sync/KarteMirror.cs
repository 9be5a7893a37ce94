using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using PartnerKarte.Karte;

namespace PartnerKarte.Sync;

/// <summary>
/// The local copy of each company's karte that a nightly run evaluates unchanged companies from, so the connector is only
/// read for what changed. Entries live in the state store (scope <see cref="Scope"/>), one per company
/// (<c>c:</c> + company id) and one per rep whose company is not in the store (<c>r:</c> + rep id). This codec, used for
/// calculators other than <see cref="KarteEnrichmentCalculator"/>, keeps the records exactly as the connector returned
/// them, as compressed JSON, so evaluating a mirror entry is evaluating the karte read.
/// </summary>
internal static class KarteMirror
{
    /// <summary>The codec that keeps whole records for <paramref name="calculator"/>.</summary>
    public static IKarteMirrorCodec RecordsFor(IEnrichmentCalculator calculator) => new RecordCodec(calculator);

    /// <summary>The state store scope of the mirror.</summary>
    public const string Scope = "karte-mirror";

    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = false, Converters = { new MbtiConverter(), new KarteValueConverter() } };

    public static string CompanyKey(string companyId) => "c:" + companyId;

    public static string OrphanKey(string repId) => "r:" + repId;

    public static bool IsCompanyKey(string key) => key.StartsWith("c:", StringComparison.Ordinal);

    public static string IdOf(string key) => key[2..];

    public static byte[] Serialize(KarteRecordBatch karte)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(zip, new Entry(karte.Companies, karte.Reps, karte.Proposals, karte.Interactions), Json);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads an entry back; <see langword="null"/> when it is damaged (the caller reads that karte from the connector again).</summary>
    public static KarteRecordBatch? TryDeserialize(byte[] bytes)
    {
        try
        {
            using var zip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            var e = JsonSerializer.Deserialize<Entry>(zip, Json);
            return e is null ? null : new KarteRecordBatch { Companies = e.Companies, Reps = e.Reps, Proposals = e.Proposals, Interactions = e.Interactions };
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or NotSupportedException or EndOfStreamException)
        {
            return null;
        }
    }

    /// <summary>
    /// Splits a karte read into one entry per company (the company, its reps, their interactions, and the proposals of the
    /// company or of its reps: what evaluating the company and its reps reads) and one per rep without a company in the batch.
    /// </summary>
    public static IEnumerable<(string Key, KarteRecordBatch Karte)> Split(KarteRecordBatch karte)
    {
        var repsByCompany = karte.Reps.ToLookup(r => r.CompanyId);
        var interactionsByRep = karte.Interactions.ToLookup(i => i.RepId);
        var proposalsByCompany = karte.Proposals.ToLookup(p => p.CompanyId);
        var proposalsByRep = karte.Proposals.Where(p => p.RepId is not null).ToLookup(p => p.RepId!.Value);
        var companies = new HashSet<CompanyId>();
        foreach (var company in karte.Companies)
        {
            companies.Add(company.Id);
            var reps = repsByCompany[company.Id].ToList();
            var repIds = reps.Select(r => r.Id).ToHashSet();
            yield return (CompanyKey(company.Id.Value), new KarteRecordBatch
            {
                Companies = [company],
                Reps = reps,
                Interactions = [.. reps.SelectMany(r => interactionsByRep[r.Id])],
                Proposals = [.. proposalsByCompany[company.Id].Concat(repIds.SelectMany(r => proposalsByRep[r])).Distinct()],
            });
        }

        foreach (var rep in karte.Reps.Where(r => !companies.Contains(r.CompanyId)))
        {
            yield return (OrphanKey(rep.Id.Value), new KarteRecordBatch
            {
                Reps = [rep],
                Interactions = [.. interactionsByRep[rep.Id]],
                Proposals = [.. proposalsByRep[rep.Id]],
            });
        }
    }

    private sealed record Entry(IReadOnlyList<PartnerCompany> Companies, IReadOnlyList<PartnerRep> Reps, IReadOnlyList<Proposal> Proposals, IReadOnlyList<Interaction> Interactions);

    /// <summary>An MBTI type as its code (the type has no public constructor).</summary>
    private sealed class MbtiConverter : JsonConverter<MbtiType>
    {
        public override MbtiType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { Length: > 0 } code ? MbtiType.Parse(code) : default;

        public override void Write(Utf8JsonWriter writer, MbtiType value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code ?? string.Empty);
    }

    /// <summary>A custom karte value through its factories (its setters are private).</summary>
    private sealed class KarteValueConverter : JsonConverter<KarteValue>
    {
        public override KarteValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var v = JsonSerializer.Deserialize<Raw>(ref reader) ?? throw new JsonException("A karte value is null.");
            return v.Type switch
            {
                KarteItemType.Text => KarteValue.FromText(v.Text),
                KarteItemType.LongText => KarteValue.FromText(v.Text, multiline: true),
                KarteItemType.Integer or KarteItemType.Number or KarteItemType.Money or KarteItemType.Percent => KarteValue.FromNumber(v.Number, v.Type),
                KarteItemType.Boolean => KarteValue.FromBoolean(v.Boolean),
                KarteItemType.Date => KarteValue.FromDate(v.Date),
                KarteItemType.Choice => KarteValue.FromChoice(v.Text),
                KarteItemType.MultiChoice => KarteValue.FromItems(v.Items ?? [], tags: false),
                KarteItemType.Tags => KarteValue.FromItems(v.Items ?? []),
                _ => throw new JsonException($"Unknown karte item type {v.Type}."),
            };
        }

        public override void Write(Utf8JsonWriter writer, KarteValue value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, new Raw(value.Type, value.Text, value.Number, value.Boolean, value.Date, value.Items));

        private sealed record Raw(KarteItemType Type, string? Text, decimal? Number, bool? Boolean, DateOnly? Date, IReadOnlyList<string>? Items);
    }

    private sealed class RecordCodec(IEnrichmentCalculator calculator) : IKarteMirrorCodec
    {
        public IEnumerable<KeyValuePair<string, byte[]>> Encode(KarteRecordBatch karte) =>
            Split(karte).Select(e => new KeyValuePair<string, byte[]>(e.Key, Serialize(e.Karte)));

        // Whole records: a rep's change can touch anything the calculator reads of its company, so the company is read again.
        public byte[]? TryPatch(byte[] companyEntry, KarteRecordBatch reps) => null;

        public IReadOnlyList<EnrichmentRecord> Evaluate(IReadOnlyList<KeyValuePair<string, byte[]>> entries, DateTimeOffset asOf, List<string> damaged)
        {
            var kartes = new List<KarteRecordBatch>(entries.Count);
            foreach (var (key, bytes) in entries)
            {
                if (TryDeserialize(bytes) is { } karte)
                {
                    kartes.Add(karte);
                }
                else
                {
                    damaged.Add(key);
                }
            }

            return kartes.Count == 0 ? [] : calculator.Calculate(new KarteRecordBatch
            {
                Companies = [.. kartes.SelectMany(k => k.Companies)],
                Reps = [.. kartes.SelectMany(k => k.Reps)],
                Proposals = [.. kartes.SelectMany(k => k.Proposals)],
                Interactions = [.. kartes.SelectMany(k => k.Interactions)],
            }, asOf);
        }
    }
}
