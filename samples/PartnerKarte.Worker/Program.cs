// The nightly enrichment sync as a worker: runs one sync, then exits with its exit code (PartnerKarte.Hosting.SyncExitCodes).
// Schedule it with cron, a systemd timer or a Kubernetes CronJob; see docs/hosting.md.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PartnerKarte;

var builder = Host.CreateApplicationBuilder(args);

// PartnerKarte:Connector picks the CRM (all three are registered; only the selected one's options are validated).
builder.Services.AddPartnerKarte(builder.Configuration.GetSection("PartnerKarte"))
    .AddSqliteStore(builder.Configuration.GetSection("PartnerKarte:Sqlite"))
    .AddSalesforce(builder.Configuration.GetSection("PartnerKarte:Salesforce"))
    .AddDataverse(builder.Configuration.GetSection("PartnerKarte:Dataverse"));
builder.Services.AddPartnerKarteSyncJob(builder.Configuration);
builder.Services.AddHealthChecks().AddPartnerKarteChecks(TimeSpan.FromSeconds(10));

// SIGTERM stops the run at the next batch boundary: give it time to checkpoint.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));

// Traces and metrics: OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, else the console when Telemetry:Console is true.
var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
var console = builder.Configuration.GetValue<bool>("Telemetry:Console");
if (otlp || console)
{
    builder.Services.AddOpenTelemetry()
        .WithTracing(t =>
        {
            t.AddSource(PartnerKarteTelemetry.ActivitySourceName);
            if (otlp)
            {
                t.AddOtlpExporter();
            }

            if (console)
            {
                t.AddConsoleExporter();
            }
        })
        .WithMetrics(m =>
        {
            m.AddMeter(PartnerKarteTelemetry.MeterName);
            if (otlp)
            {
                m.AddOtlpExporter();
            }

            if (console)
            {
                m.AddConsoleExporter();
            }
        });
}

using var host = builder.Build();
await host.RunAsync().ConfigureAwait(false);
return Environment.ExitCode;
