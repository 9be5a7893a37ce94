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
        json.RootElement.GetProperty("error").GetProperty("key").GetString().Should().Be("Sync:MaxParallelism");
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
        result.Stderr.Should().Contain("Sync:Connector").And.Contain("sqlite").And.Contain("salesforce");
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
