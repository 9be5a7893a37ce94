using System.Diagnostics.Metrics;

namespace PartnerKarte.Sync;

/// <summary>The sync's instruments (meter <c>PartnerKarte.Sync</c>), tagged with the connector name.</summary>
internal sealed class SyncMetrics
{
    public SyncMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(EnrichmentSync.MeterName) ?? new Meter(EnrichmentSync.MeterName);
        Read = meter.CreateCounter<long>("partnerkarte.sync.records.read", "{record}", "Karte records read from the change feed.");
        Written = meter.CreateCounter<long>("partnerkarte.sync.records.written", "{record}", "Enrichment records written.");
        Skipped = meter.CreateCounter<long>("partnerkarte.sync.records.skipped", "{record}", "Enrichment records skipped because nothing changed.");
        Failed = meter.CreateCounter<long>("partnerkarte.sync.records.failed", "{record}", "Enrichment records that failed validation or writing.");
        ApiCalls = meter.CreateCounter<long>("partnerkarte.sync.api_calls", "{request}", "Requests sent to the CRM that count against its API allocation, tagged with their kind.");
    }

    public Counter<long> Read { get; }

    public Counter<long> Written { get; }

    public Counter<long> Skipped { get; }

    public Counter<long> Failed { get; }

    public Counter<long> ApiCalls { get; }
}
