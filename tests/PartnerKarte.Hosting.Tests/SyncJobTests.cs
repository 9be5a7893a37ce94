using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Sync;

namespace PartnerKarte.Hosting.Tests;

[Collection(WorkerCollection.Name)]
public sealed class SyncJobTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pk-worker-").FullName;
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync()
    {
        await _org.DisposeAsync();
        WorkerHost.Delete(_dir);
    }

    private int Enriched => _org.Org.Records("Contact").Count(c => c["PK_TrustRank__c"] != null);

    [Fact]
    public async Task The_READMEs_worker_runs_one_sync_against_the_selected_CRM_and_exits_0()
    {
        _org.SeedContacts(8);
        using var host = WorkerHost.Build(_dir, WorkerHost.Settings(_org, _dir));

        var result = await WorkerHost.RunAsync(host);

        result.ExitCode.Should().Be(SyncExitCodes.Succeeded, result.Error);
        result.Report!.Connector.Should().Be("salesforce", "adding the Salesforce connector selects it");
        result.Report.Written.Should().Be(9, "8 contacts and their account");
        Enriched.Should().Be(8);
        File.Exists(Path.Combine(_dir, "state", "partnerkarte.db")).Should().BeTrue("a relative store path is resolved against the content root");
    }

    [Fact]
    public async Task The_full_refresh_setting_runs_a_full_refresh()
    {
        _org.SeedContacts(3);
        using (var first = WorkerHost.Build(_dir, WorkerHost.Settings(_org, _dir)))
        {
            (await WorkerHost.RunAsync(first)).ExitCode.Should().Be(SyncExitCodes.Succeeded);
        }

        var settings = WorkerHost.Settings(_org, _dir);
        using (var incremental = WorkerHost.Build(_dir, settings))
        {
            (await WorkerHost.RunAsync(incremental)).Report!.Incremental.Should().BeTrue();
        }

        settings["PartnerKarte:SyncJob:FullRefresh"] = "true";
        using var full = WorkerHost.Build(_dir, settings);
        var result = await WorkerHost.RunAsync(full);

        result.ExitCode.Should().Be(SyncExitCodes.Succeeded, result.Error);
        result.Report!.Incremental.Should().BeFalse();
        result.Report.Written.Should().Be(0, "nothing changed");
    }

    [Fact]
    public async Task Stopping_the_host_mid_run_exits_130_and_the_rerun_converges()
    {
        _org.SeedContacts(60, accounts: 6);
        _org.Emulator.Faults.Latency = TimeSpan.FromMilliseconds(150);
        var settings = WorkerHost.Settings(_org, _dir);
        settings["PartnerKarte:Sync:BatchSize"] = "5";
        settings["PartnerKarte:Sync:MaxParallelism"] = "1";
        settings["PartnerKarte:Sync:CompaniesPerRead"] = "1";

        using (var host = WorkerHost.Build(_dir, settings))
        {
            var run = WorkerHost.RunAsync(host);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Enriched < 15 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            // What SIGTERM does through the host's lifetime.
            host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            var stopped = await run;

            stopped.ExitCode.Should().Be(SyncExitCodes.Cancelled, stopped.Error);
            Enriched.Should().BeInRange(15, 59, "the run stopped part-way");
        }

        _org.Emulator.Faults.Latency = TimeSpan.Zero;
        var writtenBefore = Enriched;
        using var rerun = WorkerHost.Build(_dir, settings);
        var result = await WorkerHost.RunAsync(rerun);

        result.ExitCode.Should().Be(SyncExitCodes.Succeeded, result.Error);
        Enriched.Should().Be(60);
        result.Report!.Written.Should().BeLessThan(66, "committed batches are not written again").And.BeGreaterThanOrEqualTo(60 - writtenBefore);
        _org.Org.Records("Contact").Should().HaveCount(60, "no duplicates");

        using var again = WorkerHost.Build(_dir, settings);
        (await WorkerHost.RunAsync(again)).Report!.Written.Should().Be(0, "a converged state writes nothing");
    }

    [Fact]
    public async Task Of_two_workers_on_the_same_state_one_is_refused_by_the_lease_with_exit_code_4()
    {
        _org.SeedContacts(20, accounts: 4);
        _org.Emulator.Faults.Latency = TimeSpan.FromMilliseconds(100);
        var settings = WorkerHost.Settings(_org, _dir);
        settings["PartnerKarte:Sync:BatchSize"] = "5";
        using var one = WorkerHost.Build(_dir, settings);
        using var two = WorkerHost.Build(_dir, settings);

        var results = await Task.WhenAll(WorkerHost.RunAsync(one), WorkerHost.RunAsync(two));

        results.Select(r => r.ExitCode).Should().BeEquivalentTo([SyncExitCodes.Succeeded, SyncExitCodes.AlreadyRunning]);
        results.Single(r => r.ExitCode == SyncExitCodes.AlreadyRunning).Report.Should().BeNull("the refused run did nothing");
        Enriched.Should().Be(20);
    }

    [Fact]
    public async Task Health_checks_report_the_selected_connector_and_the_store_healthy()
    {
        _org.SeedContacts(1);
        using var host = WorkerHost.Build(_dir, WorkerHost.Settings(_org, _dir));

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries.Keys.Should().BeEquivalentTo([PartnerKarteHostingServiceCollectionExtensions.ConnectorCheckName, PartnerKarteHostingServiceCollectionExtensions.StateCheckName]);
        report.Status.Should().Be(HealthStatus.Healthy, string.Join(" | ", report.Entries.Select(e => e.Value.Description)));
    }

    [Fact]
    public async Task An_unreachable_CRM_is_unhealthy_within_the_timeout()
    {
        var settings = WorkerHost.Settings(_org, _dir);
        settings["PartnerKarte:Salesforce:LoginUrl"] = $"http://127.0.0.1:{ClosedPort()}/";
        settings["PartnerKarte:Salesforce:RetryBaseDelay"] = "00:00:02";
        using var host = WorkerHost.Build(_dir, settings);
        var started = TimeProvider.System.GetTimestamp();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        TimeProvider.System.GetElapsedTime(started).Should().BeLessThan(TimeSpan.FromSeconds(5), "connection refused is not retried, and the check is bounded by its timeout");
        report.Entries[PartnerKarteHostingServiceCollectionExtensions.ConnectorCheckName].Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries[PartnerKarteHostingServiceCollectionExtensions.StateCheckName].Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task A_hanging_connector_is_unhealthy_when_the_timeout_passes()
    {
        var settings = WorkerHost.Settings(_org, _dir);
        _org.Emulator.Faults.Latency = TimeSpan.FromSeconds(30);
        using var host = WorkerHost.Build(_dir, settings, b => b.Services.AddHealthChecks());
        var started = TimeProvider.System.GetTimestamp();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == PartnerKarteHostingServiceCollectionExtensions.ConnectorCheckName);

        TimeProvider.System.GetElapsedTime(started).Should().BeLessThan(TimeSpan.FromSeconds(10));
        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries.Single().Value.Description.Should().Contain("within 5 s");
        _org.Emulator.Faults.Latency = TimeSpan.Zero;
    }

    [Fact]
    public async Task An_ambiguous_connector_choice_stops_the_host_at_startup()
    {
        using var host = WorkerHost.Build(_dir, WorkerHost.Settings(_org, _dir), b => b.Services.AddPartnerKarte().AddDataverse(o => { }));

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("PartnerKarte:Connector");
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
