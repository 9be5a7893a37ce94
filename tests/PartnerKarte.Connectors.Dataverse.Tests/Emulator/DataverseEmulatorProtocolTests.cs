using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PartnerKarte.Emulators.Dataverse;

namespace PartnerKarte.Connectors.Dataverse.Tests.Emulator;

/// <summary>Wire details of the emulator that clients depend on.</summary>
public sealed class DataverseEmulatorProtocolTests : IAsyncLifetime
{
    private DataverseEmulator _emulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _emulator = await DataverseEmulator.StartAsync();
        _http = new HttpClient { BaseAddress = _emulator.ApiUri };
        using var token = await _http.PostAsync(_emulator.TokenUri, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _emulator.Options.ClientId,
            ["client_secret"] = _emulator.Options.ClientSecret,
            ["scope"] = _emulator.BaseUri + ".default",
        }));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonNode.Parse(await token.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task A_wrong_secret_gets_invalid_client_and_no_token_gets_401_with_a_challenge()
    {
        using var bad = await _http.PostAsync(_emulator.TokenUri, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = _emulator.Options.ClientId, ["client_secret"] = "wrong", ["scope"] = "x/.default",
        }));
        using var anonymous = new HttpClient();
        using var unauthenticated = await anonymous.GetAsync(new Uri(_emulator.ApiUri, "WhoAmI"));

        bad.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("invalid_client").And.Contain("AADSTS7000215");
        unauthenticated.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unauthenticated.Headers.WwwAuthenticate.ToString().Should().Contain("authorization_uri=").And.Contain(_emulator.Options.TenantId);
    }

    [Fact]
    public async Task A_stale_etag_gets_412_and_if_none_match_star_refuses_an_existing_record()
    {
        var id = _emulator.Seed("account", new JsonObject { ["name"] = "株式会社テスト" });
        using var first = await _http.GetAsync($"accounts({id})?$select=name");
        var etag = first.Headers.ETag!.ToString();
        _emulator.Update("account", id, new JsonObject { ["name"] = "株式会社テスト2" });

        using var stale = new HttpRequestMessage(HttpMethod.Patch, $"accounts({id})") { Content = new StringContent("{\"name\":\"x\"}", Encoding.UTF8, "application/json") };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        using var staleResponse = await _http.SendAsync(stale);
        using var create = new HttpRequestMessage(HttpMethod.Patch, $"accounts({id})") { Content = new StringContent("{\"name\":\"x\"}", Encoding.UTF8, "application/json") };
        create.Headers.TryAddWithoutValidation("If-None-Match", "*");
        using var createResponse = await _http.SendAsync(create);

        staleResponse.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await staleResponse.Content.ReadAsStringAsync()).Should().Contain("0x80060882");
        createResponse.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await createResponse.Content.ReadAsStringAsync()).Should().Contain("0x80040237");
    }

    [Fact]
    public async Task A_batch_with_bare_line_feeds_is_rejected()
    {
        var body = "--b\nContent-Type: application/http\n\nGET accounts HTTP/1.1\n\n--b--\n";
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/mixed; boundary=b");

        using var response = await _http.PostAsync("$batch", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("0x80048d19");
    }

    [Fact]
    public async Task Filters_expand_orderby_and_count_work_together()
    {
        var sakura = _emulator.Seed("account", new JsonObject { ["name"] = "株式会社さくら", ["revenue"] = 5_000_000 });
        _emulator.Seed("contact", new JsonObject { ["lastname"] = "田中", ["firstname"] = "太郎", ["parentcustomerid_account@odata.bind"] = $"/accounts({sakura})" });
        _emulator.Seed("contact", new JsonObject { ["lastname"] = "O'Brien", ["firstname"] = "Ann" });
        _emulator.Seed("contact", new JsonObject { ["lastname"] = "鈴木", ["firstname"] = "花子", ["parentcustomerid_account@odata.bind"] = $"/accounts({sakura})" });
        var filter = Uri.EscapeDataString($"(_parentcustomerid_value eq {sakura} and not startswith(lastname,'鈴')) or lastname eq 'O''Brien'");

        using var response = await _http.GetAsync($"contacts?$select=lastname&$filter={filter}&$orderby=lastname desc&$count=true&$expand=parentcustomerid_account($select=name)");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        body["@odata.count"]!.GetValue<int>().Should().Be(2);
        body["value"]!.AsArray().Select(v => v!["lastname"]!.GetValue<string>()).Should().Equal("田中", "O'Brien");
        body["value"]![0]!["parentcustomerid_account"]!["name"]!.GetValue<string>().Should().Be("株式会社さくら");
        body["value"]![1]!["parentcustomerid_account"].Should().BeNull();
    }

    [Fact]
    public async Task The_request_limit_answers_429_with_Retry_After_and_counts_hammering()
    {
        _emulator.Limits.Window = TimeSpan.FromSeconds(30);
        _emulator.Limits.MaxRequestsPerWindow = 2;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var r = await _http.GetAsync("WhoAmI");
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests)
            {
                r.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 30);
                (await r.Content.ReadAsStringAsync()).Should().Contain("0x80072322");
            }

            await Task.Delay(150);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests);
        _emulator.RequestsBeforeRetryAfter.Should().Be(1, "the fourth request ignored the Retry-After of the third");
    }

    [Fact]
    public async Task Change_tracking_reports_changes_and_deletions_after_the_delta_link()
    {
        var a = _emulator.Seed("account", new JsonObject { ["name"] = "A社" });
        var b = _emulator.Seed("account", new JsonObject { ["name"] = "B社" });
        using var initial = new HttpRequestMessage(HttpMethod.Get, "accounts?$select=name");
        initial.Headers.TryAddWithoutValidation("Prefer", "odata.track-changes");
        using var first = await _http.SendAsync(initial);
        var delta = JsonNode.Parse(await first.Content.ReadAsStringAsync())!["@odata.deltaLink"]!.GetValue<string>();
        _emulator.Update("account", a, new JsonObject { ["name"] = "A社2" });
        using (await _http.DeleteAsync($"accounts({b})"))
        {
        }

        using var second = await _http.GetAsync(delta);
        var values = JsonNode.Parse(await second.Content.ReadAsStringAsync())!["value"]!.AsArray();

        values.Should().HaveCount(2);
        values[0]!["name"]!.GetValue<string>().Should().Be("A社2");
        values[1]!["id"]!.GetValue<string>().Should().Be(b.ToString());
        values[1]!["reason"]!.GetValue<string>().Should().Be("deleted");
    }
}
