using System.Net.Http.Json;
using System.Text.Json;
using PartnerKarte.Emulators.Salesforce;

namespace PartnerKarte.Console.Tests;

/// <summary><c>sync</c> and <c>doctor</c> with <c>--connector salesforce</c> against the emulator over real HTTP, configured by flags.</summary>
public sealed class SalesforceCommandTests : IAsyncLifetime
{
    private readonly ConsoleHarness _h = new();
    private SalesforceEmulator _sf = null!;

    public async Task InitializeAsync()
    {
        _sf = await SalesforceEmulator.StartAsync();
        var account = _sf.Org.Insert("Account", new Dictionary<string, object?> { ["Name"] = "株式会社さくら販売", ["PK_ExternalId__c"] = "C-001" });
        for (var i = 0; i < 3; i++)
        {
            var contact = _sf.Org.Insert("Contact", new Dictionary<string, object?>
            {
                ["LastName"] = "田中", ["FirstName"] = $"太郎{i}", ["AccountId"] = account, ["PK_ExternalId__c"] = $"R-00{i}", ["Email"] = $"tanaka{i}@sakura.example.jp",
            });
            _sf.Org.Insert("Task", new Dictionary<string, object?>
            {
                ["WhoId"] = contact, ["Subject"] = "面談", ["Status"] = "Completed", ["PK_ExternalId__c"] = $"I-00{i}",
                ["PK_OccurredAt__c"] = ConsoleHarness.Now.AddDays(-3 - i), ["PK_Channel__c"] = "Meeting", ["PK_Initiator__c"] = "Rep",
            });
        }
    }

    public async Task DisposeAsync()
    {
        _h.Dispose();
        await _sf.DisposeAsync();
    }

    private string[] ClientCredentials => ["--login-url", _sf.BaseUrl.ToString(), "--client-id", _sf.ClientId, "--client-secret", _sf.ClientSecret];

    private async Task<string> AccessTokenAsync()
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = _sf.ClientId, ["client_secret"] = _sf.ClientSecret,
        });
        using var response = await http.PostAsync(new Uri(_sf.BaseUrl, "services/oauth2/token"), form);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static void ShouldNotLeak(RunResult result, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            result.Stdout.Should().NotContain(secret);
            result.Stderr.Should().NotContain(secret);
        }
    }

    [Fact]
    public async Task Karte_and_report_read_the_karte_from_the_org_with_our_owner_by_name()
    {
        var user = _sf.Org.Insert("User", new Dictionary<string, object?>
        {
            ["Username"] = "nakamura@partnerkarte.example", ["LastName"] = "中村", ["FirstName"] = "拓也", ["FederationIdentifier"] = "U-07", ["Department"] = "アライアンス推進",
        });
        var account = _sf.Org.Insert("Account", new Dictionary<string, object?> { ["Name"] = "株式会社みなと商事", ["PK_ExternalId__c"] = "C-002", ["OwnerId"] = user });
        _sf.Org.Insert("Contact", new Dictionary<string, object?>
        {
            ["LastName"] = "佐々木", ["FirstName"] = "花子", ["AccountId"] = account, ["PK_ExternalId__c"] = "R-100", ["OwnerId"] = user,
        });

        var byName = await _h.RunAsync(["karte", "--company", "みなと", "--connector", "salesforce", .. ClientCredentials]);
        var rep = await _h.RunAsync(["karte", "--rep", "佐々木", "--connector", "salesforce", .. ClientCredentials, "--json"]);
        var report = await _h.RunAsync(["report", "--out", "sf.html", "--connector", "salesforce", .. ClientCredentials, "--json"]);

        byName.ExitCode.Should().Be(0, byName.ToString());
        byName.Stdout.Should().Contain("株式会社みなと商事").And.MatchRegex("当社担当 +(中村 拓也|拓也 中村)", "the owner is named from the org's users (User.Name, in the org's name order)").And.NotContain("U-07");
        rep.ExitCode.Should().Be(0, rep.ToString());
        using (var json = JsonDocument.Parse(rep.Stdout))
        {
            json.RootElement.GetProperty("source").GetString().Should().Be("salesforce");
            json.RootElement.GetProperty("owner").GetString().Should().Contain("中村").And.Contain("拓也");
            json.RootElement.GetProperty("company").GetString().Should().Be("株式会社みなと商事");
        }

        report.ExitCode.Should().Be(0, report.ToString());
        using (var json = JsonDocument.Parse(report.Stdout))
        {
            json.RootElement.GetProperty("source").GetString().Should().Be("salesforce");
            json.RootElement.GetProperty("companies").GetInt32().Should().Be(2);
            json.RootElement.GetProperty("reps").GetInt32().Should().Be(4);
        }

        File.ReadAllText(Path.Combine(_h.Directory, "sf.html")).Should().Contain("担当者別 (reps)").And.Contain("佐々木 花子").And.Contain("中村");
        File.Exists(_h.DatabasePath).Should().BeFalse("reading the CRM needs no store");
    }

    [Fact]
    public async Task Sync_with_client_credential_flags_writes_scores_into_the_org_and_a_rerun_writes_nothing()
    {
        var result = await _h.RunAsync(["sync", "--connector", "salesforce", .. ClientCredentials, "--json"]);

        result.ExitCode.Should().Be(0, result.ToString());
        using (var json = JsonDocument.Parse(result.Stdout))
        {
            json.RootElement.GetProperty("ok").GetBoolean().Should().BeTrue();
        }

        _sf.Org.Records("Contact").Should().HaveCount(3).And.OnlyContain(c => c["PK_TrustRank__c"] != null, "the sync wrote the scores");
        _sf.Org.Records("Account").Single()["PK_DealCount__c"].Should().NotBeNull();
        ShouldNotLeak(result, _sf.ClientSecret, "tanaka0@sakura.example.jp");
        _sf.ResetCounters();

        var rerun = await _h.RunAsync(["sync", "--connector", "salesforce", .. ClientCredentials]);

        rerun.ExitCode.Should().Be(0, rerun.ToString());
        _sf.CountCalls(SalesforceApiCallKind.Write).Should().Be(0, "nothing changed");
    }

    [Fact]
    public async Task Flags_override_the_configuration_and_doctor_checks_the_org_with_a_given_access_token()
    {
        _h.Environment["PARTNERKARTE_Salesforce__LoginUrl"] = "https://wrong.invalid";
        _h.Environment["PARTNERKARTE_Salesforce__ClientId"] = "wrong";
        _h.Environment["PARTNERKARTE_Salesforce__ClientSecret"] = "wrong-secret";
        (await _h.RunAsync(["sync", "--connector", "salesforce", .. ClientCredentials])).ExitCode.Should().Be(0, "the flags win over the environment");
        var token = await AccessTokenAsync();

        var doctor = await _h.RunAsync("doctor", "--connector", "salesforce", "--instance-url", _sf.BaseUrl.ToString(), "--access-token", token, "--json");

        using var json = JsonDocument.Parse(doctor.Stdout);
        var connectivity = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("area").GetString() == "connectivity");
        connectivity.GetProperty("status").GetString().Should().BeOneOf("Ok", "0");
        ShouldNotLeak(doctor, token, _sf.ClientSecret);
    }

    [Theory]
    [InlineData("--access-token", "sync", "--connector", "salesforce", "--instance-url", "{url}")]
    [InlineData("--instance-url", "sync", "--connector", "salesforce", "--access-token", "00Dsecret-token-value")]
    [InlineData("--client-secret", "sync", "--connector", "salesforce", "--login-url", "{url}", "--client-id", "app")]
    [InlineData("--login-url", "doctor", "--connector", "salesforce", "--login-url", "not a url", "--client-id", "app", "--client-secret", "s3cr3t-value")]
    [InlineData("--instance-url", "sync", "--connector", "salesforce", "--instance-url", "ftp://example.com", "--access-token", "00Dsecret-token-value")]
    public async Task A_missing_or_invalid_flag_exits_2_naming_it_without_echoing_secrets(string named, params string[] args)
    {
        var result = await _h.RunAsync([.. args.Select(a => a.Replace("{url}", _sf.BaseUrl.ToString(), StringComparison.Ordinal))]);

        result.ExitCode.Should().Be(2, result.ToString());
        (result.Stderr + result.Stdout).Should().Contain(named);
        ShouldNotLeak(result, "00Dsecret-token-value", "s3cr3t-value");
    }

    [Fact]
    public async Task A_working_folder_config_cannot_send_an_environment_secret_to_a_foreign_host()
    {
        await File.WriteAllTextAsync(Path.Combine(_h.Directory, "appsettings.json"), """{ "Salesforce": { "LoginUrl": "https://collector.example.net" } }""");
        _h.Environment["PARTNERKARTE_Salesforce__ClientId"] = "app";
        _h.Environment["PARTNERKARTE_Salesforce__ClientSecret"] = "env-s3cr3t-value";

        var result = await _h.RunAsync("sync", "--connector", "salesforce");

        result.ExitCode.Should().Be(2, result.ToString());
        (result.Stdout + result.Stderr).Should().Contain("collector.example.net").And.Contain("AllowedHosts");
        ShouldNotLeak(result, "env-s3cr3t-value");
    }

    [Fact]
    public async Task Sync_exits_2_when_authentication_fails()
    {
        var result = await _h.RunAsync(["sync", "--connector", "salesforce", "--login-url", _sf.BaseUrl.ToString(), "--client-id", _sf.ClientId, "--client-secret", "not-the-secret"]);

        result.ExitCode.Should().Be(2, result.ToString());
        (result.Stdout + result.Stderr).Should().Contain("invalid_client");
        ShouldNotLeak(result, "not-the-secret");
    }

    [Fact]
    public async Task Sync_exits_2_when_a_mapped_field_is_missing_and_names_it()
    {
        _sf.Org.HideField("Contact", "PK_TrustScore__c");

        var result = await _h.RunAsync(["sync", "--connector", "salesforce", .. ClientCredentials]);

        result.ExitCode.Should().Be(2, result.ToString());
        (result.Stdout + result.Stderr).Should().Contain("Contact.PK_TrustScore__c");
    }

    [Fact]
    public async Task Doctor_exits_2_and_names_the_object_and_field_a_sync_query_would_fail_on()
    {
        _sf.Org.HideField("User", "FederationIdentifier"); // describe of the mapped objects is fine; the Owner path in their queries is not

        var doctor = await _h.RunAsync(["doctor", "--connector", "salesforce", .. ClientCredentials, "--json"]);

        doctor.ExitCode.Should().Be(2, doctor.ToString());
        using var json = JsonDocument.Parse(doctor.Stdout);
        var connectivity = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("area").GetString() == "connectivity");
        connectivity.GetProperty("detail").GetString().Should().Contain("Account").And.Contain("FederationIdentifier");
    }

    [Fact]
    public async Task Sync_with_a_rejected_record_exits_1()
    {
        _sf.Faults.RecordError = (type, record) => type == "Contact" ? new SalesforceError("FIELD_CUSTOM_VALIDATION_EXCEPTION", "manual score") : null;

        var result = await _h.RunAsync(["sync", "--connector", "salesforce", .. ClientCredentials]);

        result.ExitCode.Should().Be(1, result.ToString());
    }
    [Fact]
    public async Task Privacy_export_and_erase_with_the_salesforce_connector_cover_the_contact_and_the_next_sync_writes_nothing_back()
    {
        string?[] Enrichment() => [.. new[] { "PK_TrustScore__c", "PK_TrustRank__c", "PK_TrustConfidence__c", "PK_LastContactDate__c", "PK_FollowUpPriority__c" }
            .Select(f => _sf.Org.Records("Contact").Single(r => (string?)r["PK_ExternalId__c"] == "R-001")[f]?.ToString())];
        (await _h.RunAsync(["sync", "--connector", "salesforce", .. ClientCredentials])).ExitCode.Should().Be(0);
        Enrichment()[1].Should().NotBeNull("the sync wrote the enrichment");

        var export = await _h.RunAsync(["privacy", "export", "--rep", "R-001", "--connector", "salesforce", "--json", .. ClientCredentials]);

        export.ExitCode.Should().Be(0, export.ToString());
        using (var doc = JsonDocument.Parse(export.Stdout))
        {
            var fields = doc.RootElement.GetProperty("export").GetProperty("crmFields");
            fields.GetProperty("Email").GetString().Should().Be("tanaka1@sakura.example.jp");
            fields.GetProperty("PK_TrustRank__c").GetString().Should().NotBeNullOrEmpty("the enrichment the sync wrote is part of what is held");
        }

        var erase = await _h.RunAsync(["privacy", "erase", "--rep", "R-001", "--connector", "salesforce", "--apply", .. ClientCredentials]);

        erase.ExitCode.Should().Be(0, erase.ToString());
        erase.Stdout.Should().Contain("削除しません").And.Contain("not deleted");
        Enrichment().Should().OnlyContain(v => v == null, "every PK_ enrichment field is cleared");
        _sf.Org.Records("Contact").Should().Contain(r => (string?)r["PK_ExternalId__c"] == "R-001", "the Contact itself stays");

        var sync = await _h.RunAsync(["sync", "--connector", "salesforce", "--full-refresh", "--json", .. ClientCredentials]);
        sync.ExitCode.Should().Be(0, sync.ToString());
        JsonDocument.Parse(sync.Stdout).RootElement.GetProperty("report").GetProperty("erasedSkipped").GetInt64().Should().Be(1);
        Enrichment().Should().OnlyContain(v => v == null, "the erased rep is never enriched again");
        ShouldNotLeak(erase, _sf.ClientSecret);
    }
}
