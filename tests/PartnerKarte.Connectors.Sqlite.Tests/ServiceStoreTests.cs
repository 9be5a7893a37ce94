using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerKarte.Testing.Conformance;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Sqlite.Tests;

/// <summary>The store as a service uses it: in memory, relative to the content root, never created by accident, disposable.</summary>
public sealed class ServiceStoreTests
{
    [Fact]
    public async Task An_in_memory_store_keeps_its_data_across_connections_and_writes_no_file()
    {
        var before = Directory.GetFiles(Directory.GetCurrentDirectory(), "*memory*");
        await using var connector = await SqliteKarteConnector.OpenAsync(new SqliteStoreOptions { Path = ":memory:" });
        await using var other = await SqliteKarteConnector.OpenAsync(new SqliteStoreOptions { Path = ":memory:" });

        await connector.UpsertKarteAsync(ConformanceData.Batch);
        var state = connector.CreateSyncStateStore();
        await state.SaveWatermarkAsync("k", "seq:7");

        (await state.GetWatermarkAsync("k")).Should().Be("seq:7");
        (await CountAsync(connector)).Should().BeGreaterThan(0);
        (await CountAsync(other)).Should().Be(0, "every in-memory store is its own");
        Directory.GetFiles(Directory.GetCurrentDirectory(), "*memory*").Should().BeEquivalentTo(before, "no file named :memory: is created");
    }

    [Fact]
    public async Task A_disposed_in_memory_store_is_gone()
    {
        var options = new SqliteStoreOptions { Path = ":memory:" };
        var state = await SqliteSyncStateStore.OpenAsync(options);
        await state.SaveWatermarkAsync("k", "seq:1");

        await state.DisposeAsync();

        await using var again = await SqliteSyncStateStore.OpenAsync(options);
        (await again.GetWatermarkAsync("k")).Should().BeNull();
    }

    [Fact]
    public void In_a_host_a_relative_path_is_resolved_against_the_content_root()
    {
        var root = Directory.CreateTempSubdirectory("pk-root-").FullName;
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new Environment { ContentRootPath = root });
        services.AddPartnerKarte().AddSqliteStore(o => o.Path = "data/partnerkarte.db");
        using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.Path.Should().Be(Path.Combine(root, "data", "partnerkarte.db"));
            provider.GetRequiredService<ISyncStateStore>().GetWatermarkAsync("k").Result.Should().BeNull();
        }

        File.Exists(Path.Combine(root, "data", "partnerkarte.db")).Should().BeTrue();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Without_CreateIfMissing_a_missing_store_fails_naming_the_keys_and_no_console_command()
    {
        var path = Path.Combine(Path.GetTempPath(), "pk-missing-" + Guid.NewGuid().ToString("N"), "partnerkarte.db");

        var act = () => SqliteSyncStateStore.OpenAsync(new SqliteStoreOptions { Path = path, CreateIfMissing = false });

        var error = (await act.Should().ThrowAsync<SqliteStoreException>()).Which;
        error.Problem.Should().Be(SqliteStoreProblem.NotFound);
        error.Message.Should().Contain("PartnerKarte:Sqlite:Path").And.Contain("PartnerKarte:Sqlite:CreateIfMissing").And.NotContain("partnerkarte demo");
        File.Exists(path).Should().BeFalse();
    }

    private static async Task<int> CountAsync(SqliteKarteConnector connector)
    {
        var n = 0;
        await foreach (var page in connector.ReadChangesAsync(null))
        {
            n += page.Reps.Count;
        }

        return n;
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = "";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
