using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerKarte.SampleData;
using PartnerKarte.Scoring;

namespace PartnerKarte.Core.Tests.Scoring;

/// <summary>
/// Golden values: the scores, factors, ranks, tendencies, priorities and evidence of every rep of the sample data (fixed seed)
/// at fixed instants,, as checked in before the scorer was simplified.
/// A change to the scoring formulas shows up here; regenerate the file (set PK_WRITE_GOLDEN=1) only when the change of
/// meaning is intended.
/// </summary>
public class TrustGoldenTests
{
    private const double Tolerance = 1e-9;

    private static readonly DateTimeOffset[] Instants =
    [
        SampleKarteOptions.DefaultAsOf,
        SampleKarteOptions.DefaultAsOf.AddDays(30),
        SampleKarteOptions.DefaultAsOf.AddDays(75).AddHours(13),
    ];

    [Fact]
    public void Scorer_reproduces_the_golden_values_of_the_sample_data()
    {
        // Through text, so both sides are parsed JSON numbers (as the file holds them).
        var actual = JsonNode.Parse(Capture().ToJsonString())!;
        var path = GoldenPath();
        if (Environment.GetEnvironmentVariable("PK_WRITE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) + "\n");
        }

        var expected = JsonNode.Parse(File.ReadAllText(path))!;
        var differences = new List<string>();
        Compare(expected, actual, "$", differences);
        differences.Should().BeEmpty("the scorer must reproduce the golden values within {0}", Tolerance);
    }

    [Fact]
    public void Comparison_notices_a_change_beyond_the_tolerance()
    {
        // Guards the guard: a comparison that accepts anything would let every scoring change through.
        var expected = JsonNode.Parse("""{"a":[1.0,{"b":"x"}],"c":null}""")!;
        var differences = new List<string>();
        Compare(expected, JsonNode.Parse("""{"a":[1.0000000001,{"b":"x"}],"c":null}""")!, "$", differences);
        differences.Should().BeEmpty();
        Compare(expected, JsonNode.Parse("""{"a":[1.00000001,{"b":"x"}],"c":null}""")!, "$", differences);
        Compare(expected, JsonNode.Parse("""{"a":[1.0,{"b":"y"}],"c":null}""")!, "$", differences);
        Compare(expected, JsonNode.Parse("""{"a":[1.0,{"b":"x"}],"c":2}""")!, "$", differences);
        Compare(expected, JsonNode.Parse("""{"a":[1.0],"c":null}""")!, "$", differences);
        differences.Should().HaveCount(4);
    }

    private static string GoldenPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Golden", "trust-golden.json");

    private static JsonObject Capture()
    {
        var data = SampleKarteGenerator.Generate(new SampleKarteOptions());
        var scorer = new TrustScorer();
        var root = new JsonObject();
        foreach (var asOf in Instants)
        {
            var reps = new JsonArray();
            foreach (var s in scorer.ScoreAll(data, asOf))
            {
                var factors = new JsonArray();
                foreach (var f in s.Factors)
                {
                    factors.Add(new JsonObject
                    {
                        ["kind"] = f.Kind.ToString(),
                        ["value"] = f.Value,
                        ["weight"] = f.Weight,
                        ["effective"] = f.EffectiveSamples,
                        ["evidence"] = new JsonArray([.. f.EvidenceIds.Select(id => (JsonNode?)JsonValue.Create(id))]),
                    });
                }

                reps.Add(new JsonObject
                {
                    ["rep"] = s.RepId.Value,
                    ["value"] = s.Value,
                    ["rank"] = s.Rank.ToString(),
                    ["confidence"] = s.Confidence,
                    ["trend"] = s.Trend,
                    ["tendencies"] = s.Tendencies.ToString(),
                    ["priority"] = s.FollowUpPriority.ToString(),
                    ["interactions"] = s.InteractionCount,
                    ["lastContact"] = s.LastContactAt?.ToString("O", CultureInfo.InvariantCulture),
                    ["factors"] = factors,
                });
            }

            root[asOf.ToString("O", CultureInfo.InvariantCulture)] = new JsonObject { ["reps"] = reps };
        }

        return root;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        if (differences.Count >= 20)
        {
            return;
        }

        switch (expected)
        {
            case null:
                if (actual is not null)
                {
                    differences.Add($"{path}: expected null, got {actual.ToJsonString()}");
                }

                return;
            case JsonObject eo when actual is JsonObject ao:
                foreach (var name in eo.Select(p => p.Key).Union(ao.Select(p => p.Key)))
                {
                    if (!eo.ContainsKey(name) || !ao.ContainsKey(name))
                    {
                        differences.Add($"{path}.{name}: present on one side only");
                        continue;
                    }

                    Compare(eo[name], ao[name], $"{path}.{name}", differences);
                }

                return;
            case JsonArray ea when actual is JsonArray aa:
                if (ea.Count != aa.Count)
                {
                    differences.Add($"{path}: expected {ea.Count} items, got {aa.Count}");
                    return;
                }

                for (var i = 0; i < ea.Count; i++)
                {
                    Compare(ea[i], aa[i], $"{path}[{i}]", differences);
                }

                return;
            case JsonValue ev when actual is JsonValue av:
                if (ev.GetValueKind() == JsonValueKind.Number && av.GetValueKind() == JsonValueKind.Number)
                {
                    var e = ev.GetValue<double>();
                    var a = av.GetValue<double>();
                    if (!(Math.Abs(e - a) <= Tolerance))
                    {
                        differences.Add($"{path}: expected {e:R}, got {a:R}");
                    }
                }
                else if (ev.ToJsonString() != av.ToJsonString())
                {
                    differences.Add($"{path}: expected {ev.ToJsonString()}, got {av.ToJsonString()}");
                }

                return;
            default:
                differences.Add($"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
                return;
        }
    }
}
