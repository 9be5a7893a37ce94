using System.Globalization;
using System.Text.Json.Nodes;
using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse.Tests.Connector;

/// <summary>
/// Activities logged the plain Dataverse way (no pk_* columns): the PhoneCall and Email tables' directioncode (true =
/// outgoing, false = incoming) says who started them; appointments and tasks do not record it.
/// </summary>
public sealed class DataversePlainActivityTests
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 1, 0, 0, TimeSpan.Zero);

    private static string At(int day) => Start.AddDays(day).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Guid Contact(DataverseTestEnvironment env, string key, string family) =>
        env.Emulator.Seed("contact", new JsonObject { ["pk_externalid"] = key, ["lastname"] = family });

    private static void Activity(DataverseTestEnvironment env, string table, string key, Guid contact, int day, JsonObject? extra = null)
    {
        var row = new JsonObject
        {
            ["pk_externalid"] = key, ["subject"] = key, ["actualstart"] = At(day),
            [$"regardingobjectid_contact_{table}@odata.bind"] = $"/contacts({contact})",
        };
        foreach (var (k, v) in extra ?? [])
        {
            row[k] = v?.DeepClone();
        }

        env.Emulator.Seed(table, row);
    }

    private static async Task<List<Interaction>> ReadInteractionsAsync(DataverseTestEnvironment env)
    {
        var read = new List<Interaction>();
        await foreach (var page in env.CreateConnector().ReadChangesAsync(null))
        {
            read.AddRange(page.Interactions);
        }

        return read;
    }

    [Fact]
    public async Task Incoming_calls_and_emails_show_the_rep_as_initiator_appointments_stay_unknown_and_pk_columns_win()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        var yamada = Contact(env, "R-YAMADA", "山田");
        Activity(env, "phonecall", "PC-IN", yamada, 0, new JsonObject { ["directioncode"] = false });
        Activity(env, "phonecall", "PC-OUT", yamada, 1, new JsonObject { ["directioncode"] = true });
        Activity(env, "email", "EM-IN", yamada, 2, new JsonObject { ["directioncode"] = false });
        Activity(env, "appointment", "AP-1", yamada, 3);
        Activity(env, "task", "TK-1", yamada, 4);
        Activity(env, "phonecall", "PC-PK", yamada, 5, new JsonObject { ["directioncode"] = false, ["pk_initiator"] = 0 });

        var read = (await ReadInteractionsAsync(env)).ToDictionary(i => i.Id.Value);

        read["PC-IN"].Should().Match<Interaction>(i => i.Initiator == Initiator.Rep && i.Channel == InteractionChannel.Call);
        read["PC-OUT"].Initiator.Should().Be(Initiator.Us);
        read["EM-IN"].Should().Match<Interaction>(i => i.Initiator == Initiator.Rep && i.Channel == InteractionChannel.Email);
        read["AP-1"].Should().Match<Interaction>(i => i.Initiator == Initiator.Unknown && i.Channel == InteractionChannel.Meeting);
        read["TK-1"].Initiator.Should().Be(Initiator.Unknown);
        read["PC-PK"].Initiator.Should().Be(Initiator.Us, "the pk_initiator column wins over directioncode");
    }

    [Fact]
    public async Task The_japanese_explanation_of_plain_appointments_says_the_initiator_is_missing()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        var sato = Contact(env, "R-SATO", "佐藤");
        for (var k = 0; k < 8; k++)
        {
            Activity(env, "appointment", $"AP-{k}", sato, k * 7);
        }

        var read = await ReadInteractionsAsync(env);
        var score = new TrustScorer().Score(new RepId("R-SATO"), read, [], Start.AddDays(60));
        var ja = TrustExplanation.Render(score, CultureInfo.GetCultureInfo("ja-JP"));

        ja.Should().Contain("起点が記録されていないため判断保留（積極性）");
        ja.Should().NotContain(l => l.Contains("連絡はほぼこちらから", StringComparison.Ordinal) || l.Contains("慎重派", StringComparison.Ordinal));
    }
}
