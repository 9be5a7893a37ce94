using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PartnerKarte.Connectors.Salesforce.Tests.Support;

namespace PartnerKarte.Hosting.Tests;

[Collection(WorkerCollection.Name)]
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pk-telemetry-").FullName;
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync()
    {
        await _org.DisposeAsync();
        WorkerHost.Delete(_dir);
    }

    [Fact]
    public async Task A_run_is_traced_and_measured_with_the_named_activities_and_instruments_and_no_personal_data()
    {
        _org.SeedContacts(12, accounts: 2, interactionEvery: 3);
        _org.Emulator.Faults.ServerUnavailableRate = 0.2;
        _org.Emulator.Faults.RetryAfterSeconds = 0;
        var activities = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var settings = WorkerHost.Settings(_org, _dir);
        settings["PartnerKarte:Sync:BatchSize"] = "5";
        settings["PartnerKarte:Salesforce:MaxRetries"] = "10";
        using var host = WorkerHost.Build(_dir, settings, b => b.Services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(PartnerKarteTelemetry.ActivitySourceName).AddInMemoryExporter(activities))
            .WithMetrics(m => m.AddMeter(PartnerKarteTelemetry.MeterName).AddInMemoryExporter(metrics)));

        var result = await WorkerHost.RunAsync(host);

        result.ExitCode.Should().Be(SyncExitCodes.Succeeded, result.Error);
        var names = activities.Select(a => a.OperationName).ToHashSet();
        names.Should().Contain([
            PartnerKarteTelemetry.RunActivity, PartnerKarteTelemetry.ReadActivity, PartnerKarteTelemetry.ComputeActivity,
            PartnerKarteTelemetry.WriteBatchActivity, PartnerKarteTelemetry.CrmCallActivity,
        ]);
        var run = activities.Single(a => a.OperationName == PartnerKarteTelemetry.RunActivity);
        run.GetTagItem(PartnerKarteTelemetry.OutcomeTag).Should().Be("succeeded");
        activities.Where(a => a.OperationName == PartnerKarteTelemetry.WriteBatchActivity).Should().OnlyContain(a => a.ParentSpanId == run.SpanId);
        activities.Where(a => a.OperationName == PartnerKarteTelemetry.CrmCallActivity).Should().Contain(a => a.GetTagItem(PartnerKarteTelemetry.ConnectorTag) as string == "salesforce");

        var instruments = metrics.Select(m => m.Name).ToHashSet();
        instruments.Should().Contain([
            PartnerKarteTelemetry.RunDurationInstrument, PartnerKarteTelemetry.RunsInstrument, PartnerKarteTelemetry.RecordsReadInstrument,
            PartnerKarteTelemetry.RecordsWrittenInstrument, PartnerKarteTelemetry.RetriesInstrument,
        ]);
        var runs = metrics.Last(m => m.Name == PartnerKarteTelemetry.RunsInstrument).MetricPoints.Single();
        runs.GetSumLong().Should().Be(1);
        Tags(runs).Should().Contain(new KeyValuePair<string, object?>(PartnerKarteTelemetry.OutcomeTag, "succeeded"));
        metrics.Last(m => m.Name == PartnerKarteTelemetry.RetriesInstrument).MetricPoints.Sum(p => p.GetSumLong()).Should().BeGreaterThan(0, "a fifth of the requests were answered 503 and retried");

        // No name of a person or company in any tag.
        var values = activities.SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString() ?? "")
            .Concat(metrics.SelectMany(m => m.MetricPoints).SelectMany(Tags).Select(t => t.Value?.ToString() ?? ""))
            .ToList();
        values.Should().NotContain(v => v.Contains("担当", StringComparison.Ordinal) || v.Contains("株式会社", StringComparison.Ordinal) || v.Contains('@', StringComparison.Ordinal));
    }

    private static IEnumerable<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var list = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            list.Add(tag);
        }

        return list;
    }
}
