namespace PartnerKarte.Console.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly ConsoleHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_malformed_environment_value_names_the_key_and_exits_2()
    {
        _h.Environment["PARTNERKARTE_Sync__BatchSize"] = "two hundred";

        var result = await _h.RunAsync("doctor");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("Sync:BatchSize").And.Contain("PARTNERKARTE_Sync__BatchSize").And.Contain("two hundred");
    }

    [Fact]
    public async Task A_malformed_appsettings_value_names_the_key_and_exits_2_in_json_too()
    {
        await File.WriteAllTextAsync(Path.Combine(_h.Directory, "appsettings.json"), """{ "Sync": { "MaxParallelism": "many" } }""");

        var result = await _h.RunAsync("sync", "--json");

        result.ExitCode.Should().Be(2, result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("error").GetProperty("key").GetString().Should().Be("PartnerKarte:Sync:MaxParallelism");
    }

    [Fact]
    public async Task A_malformed_appsettings_value_is_attributed_to_the_file_not_an_environment_variable()
    {
        var file = Path.Combine(_h.Directory, "appsettings.json");
        await File.WriteAllTextAsync(file, """{ "Sync": { "MaxParallelism": "many" } }""");

        var result = await _h.RunAsync("sync", "--json");

        result.ExitCode.Should().Be(2, result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var message = json.RootElement.GetProperty("error").GetProperty("message").GetString();
        message.Should().Contain(file).And.NotContain("PARTNERKARTE_Sync__MaxParallelism");
    }

    [Fact]
    public async Task An_environment_variable_overriding_the_file_is_named_as_the_source()
    {
        await File.WriteAllTextAsync(Path.Combine(_h.Directory, "appsettings.json"), """{ "Sync": { "BatchSize": 100 } }""");
        _h.Environment["partnerkarte_sync__batchsize"] = "lots";

        var result = await _h.RunAsync("doctor");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("environment variable partnerkarte_sync__batchsize").And.NotContain("appsettings.json");
    }

    [Fact]
    public async Task Doctor_shows_where_each_endpoint_setting_came_from_without_the_values()
    {
        var file = Path.Combine(_h.Directory, "appsettings.json");
        await File.WriteAllTextAsync(file, """{ "Salesforce": { "LoginUrl": "https://secret-host.my.salesforce.com" }, "Dataverse": { "AuthorityHost": "https://login.microsoftonline.com/" } }""");
        _h.Environment["PARTNERKARTE_Salesforce__InstanceUrl"] = "https://secret-instance.my.salesforce.com";

        var result = await _h.RunAsync("doctor", "--url", "https://secret-env.crm7.dynamics.com", "--json");

        var detail = System.Text.Json.Nodes.JsonNode.Parse(result.Stdout)!["checks"]!.AsArray()
            .Single(c => c!["name"]!.GetValue<string>() == "endpoint sources")!["detail"]!.GetValue<string>();
        detail.Should().Contain($"Salesforce:LoginUrl from file {file}")
            .And.Contain("Salesforce:InstanceUrl from flag --url")
            .And.Contain("Dataverse:Url (EnvironmentUrl) from flag --url")
            .And.Contain($"Dataverse:AuthorityHost from file {file}");
        result.Stdout.Should().NotContain("secret-host").And.NotContain("secret-instance").And.NotContain("secret-env");
    }

    [Fact]
    public async Task Doctor_names_the_environment_variable_an_endpoint_came_from()
    {
        _h.Environment["PARTNERKARTE_Salesforce__LoginUrl"] = "https://secret-host.my.salesforce.com";

        var result = await _h.RunAsync("doctor", "--json");

        result.Stdout.Should().Contain("Salesforce:LoginUrl from environment variable PARTNERKARTE_Salesforce__LoginUrl")
            .And.Contain("Dataverse:Url (EnvironmentUrl) from not set").And.NotContain("secret-host");
    }

    [Fact]
    public async Task An_out_of_range_value_names_the_key_and_the_range()
    {
        _h.Environment["PARTNERKARTE_Sync__BatchSize"] = "0";

        var result = await _h.RunAsync("sync");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("Sync:BatchSize").And.Contain("between 1 and");
    }

    [Fact]
    public async Task An_unknown_connector_in_configuration_lists_the_known_ones()
    {
        _h.Environment["PARTNERKARTE_Sync__Connector"] = "hubspot";

        var result = await _h.RunAsync("sync");

        result.ExitCode.Should().Be(2);
        // The console's earlier key is an alias of the library's PartnerKarte:Connector.
        result.Stderr.Should().Contain("PartnerKarte:Connector").And.Contain("PARTNERKARTE_Sync__Connector").And.Contain("sqlite").And.Contain("salesforce");
    }

    [Fact]
    public async Task The_library_schema_in_appsettings_is_read_with_the_same_keys()
    {
        await File.WriteAllTextAsync(Path.Combine(_h.Directory, "appsettings.json"), """{ "PartnerKarte": { "Connector": "hubspot", "Sync": { "MaxParallelism": "2" } } }""");

        var result = await _h.RunAsync("sync", "--json");

        result.ExitCode.Should().Be(2, result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("error").GetProperty("key").GetString().Should().Be("PartnerKarte:Connector");
    }

    [Fact]
    public async Task Invalid_json_in_appsettings_is_bad_input()
    {
        await File.WriteAllTextAsync(Path.Combine(_h.Directory, "appsettings.json"), "{ \"Sync\": ");

        var result = await _h.RunAsync("doctor");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("not valid JSON");
    }

    [Fact]
    public async Task The_database_path_comes_from_configuration()
    {
        _h.Environment["PARTNERKARTE_Sqlite__Path"] = "data/other.db";

        var result = await _h.RunAsync(["demo", "--no-sync", .. ConsoleHarness.SmallDemo]);

        result.ExitCode.Should().Be(0, result.ToString());
        File.Exists(Path.Combine(_h.Directory, "data", "other.db")).Should().BeTrue();
        File.Exists(_h.DatabasePath).Should().BeFalse();
    }

    [Fact]
    public async Task The_real_program_exits_2_naming_the_key()
    {
        _h.Environment["PARTNERKARTE_Sync__MaxParallelism"] = "-3";

        var result = await _h.RunProcessAsync(TimeSpan.FromMinutes(1), "sync");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("Sync:MaxParallelism");
    }
}
