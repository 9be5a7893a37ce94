using System.Text.Json.Nodes;
using PartnerKarte.Emulators.Dataverse;

namespace PartnerKarte.Console.Tests;

/// <summary>
/// <c>provision</c>, <c>sync</c> and <c>doctor</c> with <c>--connector dataverse</c> against the Dataverse emulator started in-process
/// on 127.0.0.1 (real HTTP), configured by flags, a connection string, environment variables and appsettings.json.
/// </summary>
public sealed class DataverseCommandTests : IAsyncLifetime, IDisposable
{
    private readonly ConsoleHarness _harness = new();
    private DataverseEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await DataverseEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose() => _harness.Dispose();

    private string Url => _emulator.BaseUri.ToString().TrimEnd('/');

    private string ConnectionString =>
        $"AuthType=ClientSecret;Url={Url};ClientId={_emulator.Options.ClientId};ClientSecret={_emulator.Options.ClientSecret};TenantId={_emulator.Options.TenantId};Authority={Url}";

    private void ConfigureByEnvironment()
    {
        _harness.Environment["PARTNERKARTE_Dataverse__Url"] = Url;
        _harness.Environment["PARTNERKARTE_Dataverse__AuthorityHost"] = Url;
        _harness.Environment["PARTNERKARTE_Dataverse__TenantId"] = _emulator.Options.TenantId;
        _harness.Environment["PARTNERKARTE_Dataverse__ClientId"] = _emulator.Options.ClientId;
        _harness.Environment["PARTNERKARTE_Dataverse__ClientSecret"] = _emulator.Options.ClientSecret;
    }

    private void ShouldNotLeakSecrets(params RunResult[] runs)
    {
        foreach (var run in runs)
        {
            (run.Stdout + run.Stderr).Should().NotContain(_emulator.Options.ClientSecret).And.NotContain("eyJ", "no access token in output");
        }
    }

    [Fact]
    public async Task Provision_creates_the_columns_and_keys_once_and_a_second_run_creates_nothing()
    {
        var first = await _harness.RunAsync("provision", "--connector", "dataverse", "--connection-string", ConnectionString);
        var second = await _harness.RunAsync("provision", "--connector", "dataverse", "--connection-string", ConnectionString, "--json");

        first.ExitCode.Should().Be(0, first.Stdout + first.Stderr);
        first.Stdout.Should().Contain("contact.pk_trustscore").And.Contain("account key pk_externalid_key");
        _emulator.Store.Schema("contact")!.Attributes.Should().ContainKey("pk_kartejson");
        _emulator.Store.Schema("account")!.AlternateKeys.Should().ContainSingle(k => k.KeyAttributes.SequenceEqual(new[] { "pk_externalid" }));
        second.ExitCode.Should().Be(0, second.Stdout + second.Stderr);
        JsonNode.Parse(second.Stdout)!["created"]!.AsArray().Should().BeEmpty("everything exists already");
        ShouldNotLeakSecrets(first, second);
    }

    [Fact]
    public async Task Sync_configured_by_environment_variables_enriches_the_contacts_and_doctor_with_appsettings_reports_healthy()
    {
        // Flags on top of configuration: the emulator's token endpoint comes from an environment variable, the rest from flags.
        _harness.Environment["PARTNERKARTE_Dataverse__AuthorityHost"] = Url;
        var provision = await _harness.RunAsync("provision", "--connector", "dataverse", "--url", Url, "--tenant-id", _emulator.Options.TenantId,
            "--client-id", _emulator.Options.ClientId, "--client-secret", _emulator.Options.ClientSecret);
        provision.ExitCode.Should().Be(0, provision.Stdout + provision.Stderr);
        var account = _emulator.Seed("account", new JsonObject { ["pk_externalid"] = "C-001", ["name"] = "株式会社さくら販売" });
        _emulator.Seed("contact", new JsonObject
        {
            ["pk_externalid"] = "R-001", ["lastname"] = "田中", ["firstname"] = "太郎", ["jobtitle"] = "営業部長",
            ["parentcustomerid_account@odata.bind"] = $"/accounts({account})",
        });
        ConfigureByEnvironment();

        var sync = await _harness.RunAsync("sync", "--connector", "dataverse", "--json");

        sync.ExitCode.Should().Be(0, sync.Stdout + sync.Stderr);
        JsonNode.Parse(sync.Stdout)!["report"]!["written"]!.GetValue<long>().Should().Be(2, "the rep and the company");
        _emulator.Rows("contact").Values.Single()["pk_trustrank"].Should().NotBeNull();

        _harness.Environment.Clear();
        File.WriteAllText(Path.Combine(_harness.Directory, "appsettings.json"), new JsonObject
        {
            ["Dataverse"] = new JsonObject { ["ConnectionString"] = ConnectionString },
        }.ToJsonString());
        var doctor = await _harness.RunAsync("doctor", "--connector", "dataverse", "--json");

        var connectivity = JsonNode.Parse(doctor.Stdout)!["checks"]!.AsArray().Single(c => (c!["Area"] ?? c["area"])!.GetValue<string>() == "connectivity");
        (connectivity!["Status"] ?? connectivity["status"])!.ToJsonString().Should().Match(s => s.Contains("0") || s.Contains("Ok"), doctor.Stdout);
        ShouldNotLeakSecrets(provision, sync, doctor);
    }

    [Theory]
    [InlineData("--url", "not a url", "--url")]
    [InlineData("--url", "https://contoso.crm7.dynamics.com", "Dataverse:ClientId (--client-id)")]
    [InlineData("--connection-string", "AuthType=OAuth;Url=https://contoso.crm7.dynamics.com;ClientId=a;ClientSecret=TopSecret-123", "AuthType 'OAuth' is not supported")]
    [InlineData("--connection-string", "Url=http://contoso.crm7.dynamics.com;ClientId=a;ClientSecret=TopSecret-123", "Dataverse:Url (--url) must be an absolute https URL")]
    public async Task Bad_input_exits_2_naming_the_flag_or_key_without_echoing_the_secret(string flag, string value, string named)
    {
        foreach (var command in new[] { "sync", "doctor", "provision" })
        {
            var run = command == "doctor"
                ? await _harness.RunAsync(command, "--connector", "dataverse", flag, value, "--json")
                : await _harness.RunAsync(command, "--connector", "dataverse", flag, value);

            if (command == "doctor")
            {
                // doctor reports the problem as a failed check (its table wraps long text, so read the JSON form)
                run.ExitCode.Should().NotBe(0);
                var details = JsonNode.Parse(run.Stdout)!["checks"]!.AsArray().Select(c => c!["Detail"]?.GetValue<string>() ?? c["detail"]?.GetValue<string>());
                details.Should().Contain(d => d != null && d.Contains(named), run.Stdout);
            }
            else
            {
                run.ExitCode.Should().Be(2, run.Stdout + run.Stderr);
                run.Stderr.Should().Contain(named);
            }

            (run.Stdout + run.Stderr).Should().NotContain("TopSecret-123");
        }
    }

    [Fact]
    public async Task A_bad_configuration_value_names_its_key()
    {
        ConfigureByEnvironment();
        _harness.Environment["PARTNERKARTE_Dataverse__BatchSize"] = "5000";

        var run = await _harness.RunAsync("sync", "--connector", "dataverse");

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("Dataverse:BatchSize").And.Contain("PARTNERKARTE_Dataverse__BatchSize");
    }

    [Fact]
    public async Task Metadata_problems_exit_2_in_sync_doctor_and_provision_naming_the_problem()
    {
        (await _harness.RunAsync("provision", "--connector", "dataverse", "--connection-string", ConnectionString)).ExitCode.Should().Be(0);
        _emulator.SetKeyIndexStatus("contact", "Failed");

        var sync = await _harness.RunAsync("sync", "--connector", "dataverse", "--connection-string", ConnectionString, "--json");
        var doctor = await _harness.RunAsync("doctor", "--connector", "dataverse", "--connection-string", ConnectionString, "--json");
        var provision = await _harness.RunAsync("provision", "--connector", "dataverse", "--connection-string", ConnectionString);

        const string problem = "the alternate key pk_externalid_key on pk_externalid is Failed, not Active";
        sync.ExitCode.Should().Be(2, sync.Stdout + sync.Stderr);
        JsonNode.Parse(sync.Stdout)!["report"]!["error"]!.GetValue<string>().Should().Contain(problem);
        doctor.ExitCode.Should().Be(2, doctor.Stdout + doctor.Stderr);
        doctor.Stdout.Should().Contain(problem);
        provision.ExitCode.Should().Be(2, provision.Stdout + provision.Stderr);
        provision.Stderr.Should().Contain(problem);
        ShouldNotLeakSecrets(sync, doctor, provision);
    }

    [Fact]
    public async Task A_slower_environment_than_request_timeout_ends_the_sync_aborted_with_a_report_and_exit_3()
    {
        (await _harness.RunAsync("provision", "--connector", "dataverse", "--connection-string", ConnectionString)).ExitCode.Should().Be(0);
        _harness.Environment["PARTNERKARTE_Dataverse__MaxRetries"] = "1";
        _emulator.Faults.Latency = TimeSpan.FromSeconds(4);

        var sync = await _harness.RunAsync("sync", "--connector", "dataverse", "--connection-string", ConnectionString, "--request-timeout", "1", "--json");

        sync.ExitCode.Should().Be(3, "an aborted run that is not a configuration problem is the environment, as in SyncExitCodes: " + sync.Stdout + sync.Stderr);
        var report = JsonNode.Parse(sync.Stdout)!["report"]!;
        report["outcome"]!.ToJsonString().Should().Contain("Aborted");
        report["error"]!.GetValue<string>().Should().Contain("within the request timeout (1 s)");
    }

    [Fact]
    public async Task A_sync_against_an_unreachable_environment_exits_3_with_a_json_error_document()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var sync = await _harness.RunAsync("sync", "--connector", "dataverse", "--url", $"http://127.0.0.1:{port}", "--access-token", "token-value", "--json");

        sync.ExitCode.Should().Be(PartnerKarte.Hosting.SyncExitCodes.EnvironmentProblem, sync.ToString());
        var json = JsonNode.Parse(sync.Stdout)!;
        json["ok"]!.GetValue<bool>().Should().BeFalse();
        json["exitCode"]!.GetValue<int>().Should().Be(3);
        json["error"]!["code"]!.GetValue<string>().Should().Be("environment");
        json["report"]!["outcome"]!.ToJsonString().Should().Contain("Aborted", "the run's report comes with the error");
        json["error"]!["message"]!.GetValue<string>().Should().Contain("127.0.0.1").And.NotContain("token-value");
        sync.Stderr.Should().NotContain("token-value");
    }

    [Fact]
    public async Task Doctor_reports_an_environment_that_refuses_connections_as_unreachable()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var doctor = await _harness.RunAsync("doctor", "--connector", "dataverse", "--url", $"http://127.0.0.1:{port}", "--access-token", "token-value", "--json");

        doctor.ExitCode.Should().NotBe(0);
        var detail = JsonNode.Parse(doctor.Stdout)!["checks"]!.AsArray().Single(c => (c!["Area"] ?? c["area"])!.GetValue<string>() == "connectivity")!;
        (detail["Detail"] ?? detail["detail"])!.GetValue<string>().Should().Contain("unreachable").And.Contain("127.0.0.1");
    }
}
