using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Emulators.Dataverse;

namespace PartnerKarte.Connectors.Dataverse.Tests.Connector;

/// <summary>OData literals from arbitrary strings parse in the emulator as the same value: no injection.</summary>
public sealed class ODataLiteralTests
{
    /// <summary>Arbitrary text made valid UTF-16 (lone surrogates cannot travel in a URL), up to 50 chars (lastname's length).</summary>
    private static string Clean(string? s)
    {
        var text = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s ?? string.Empty));
        var runes = text.EnumerateRunes().Take(50).ToList();
        var sb = new StringBuilder();
        foreach (var r in runes)
        {
            sb.Append(r.ToString());
        }

        return sb.Length > 50 ? sb.ToString()[..48] : sb.ToString();
    }

    private static readonly Gen<string> Tricky =
        Gen.Elements("'", "''", "' or lastname ne '", "%27", "&$top=1", "?", "#", "+", "/", "\\", "(", ")", ",", "=", ";", "山田", "ｶﾅ", "株式会社", "\u0000", "\n", " ", "%", "@p1", "$", ":")
            .ArrayOf().Select(parts => string.Concat(parts));

    private static Arbitrary<string> Texts => Gen.OneOf(Tricky, ArbMap.Default.GeneratorFor<string>()).Select(Clean).ToArbitrary();

    [Fact]
    public void A_string_literal_parses_back_to_the_same_value()
    {
        Prop.ForAll(Texts, s =>
        {
            var node = ODataFilter.Parse("lastname eq " + ODataLiteral.String(s));
            return node is BinaryFilter { Operator: "eq", Left: PropertyFilter { Path: "lastname" }, Right: LiteralFilter { Value: string v } } && v == s;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public async Task A_filter_built_from_any_string_matches_exactly_that_row_over_HTTP()
    {
        await using var env = await DataverseTestEnvironment.StartAsync(provision: false);
        using var http = new HttpClient { BaseAddress = env.Emulator.ApiUri };
        using var tokenResponse = await http.PostAsync(env.Emulator.TokenUri, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = env.Emulator.Options.ClientId,
            ["client_secret"] = env.Emulator.Options.ClientSecret,
            ["scope"] = env.Emulator.BaseUri + ".default",
        }));
        var token = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        env.Emulator.Seed("contact", new JsonObject { ["lastname"] = "囮 decoy" });

        Prop.ForAll(Texts, s =>
        {
            if (s.Equals("囮 decoy", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var id = env.Emulator.Seed("contact", new JsonObject { ["lastname"] = s, ["department"] = "fscheck" });
            try
            {
                var query = new ODataQuery("contacts") { Select = ["lastname"], Filter = "lastname eq " + ODataLiteral.String(s) };
                using var response = http.GetAsync(query.ToString()).GetAwaiter().GetResult();
                var rows = (JsonNode.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult())!["value"] as JsonArray)!;
                // String comparison in Dataverse is case-insensitive; every match must equal s ignoring case, and the seeded row is among them.
                return response.IsSuccessStatusCode
                    && rows.All(r => string.Equals(r!["lastname"]!.GetValue<string>(), s, StringComparison.OrdinalIgnoreCase))
                    && rows.Any(r => r!["contactid"]!.GetValue<string>() == id.ToString() && r["lastname"]!.GetValue<string>() == s);
            }
            finally
            {
                env.Emulator.Update("contact", id, new JsonObject { ["lastname"] = "done-" + Guid.NewGuid().ToString("N") });
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_key_segment_escapes_the_value_and_doubles_quotes()
    {
        ODataLiteral.Key("pk_externalid", "O'Neil&x=1").Should().Be("pk_externalid=%27O%27%27Neil%26x%3D1%27");
        ODataLiteral.Key("pk_externalid", "0b5e2d2a-1c3e-4a7b-9a55-3f2e1d0c9b8a").Should().Be("pk_externalid=%270b5e2d2a-1c3e-4a7b-9a55-3f2e1d0c9b8a%27", "a GUID-shaped karte id is an external id like any other");
    }
}
