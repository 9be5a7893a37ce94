using System.Diagnostics.Metrics;

namespace PartnerKarte.Sync;

/// <summary>The sync's instruments (meter <see cref="PartnerKarteTelemetry.MeterName"/>), tagged with the connector name.</summary>
internal sealed class SyncMetrics
{
    public SyncMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(PartnerKarteTelemetry.MeterName) ?? new Meter(PartnerKarteTelemetry.MeterName);
        Read = meter.CreateCounter<long>(PartnerKarteTelemetry.RecordsReadInstrument, "{record}", "Karte records read from the change feed.");
        Written = meter.CreateCounter<long>(PartnerKarteTelemetry.RecordsWrittenInstrument, "{record}", "Enrichment records written.");
        Skipped = meter.CreateCounter<long>(PartnerKarteTelemetry.RecordsSkippedInstrument, "{record}", "Enrichment records skipped because nothing changed.");
        Failed = meter.CreateCounter<long>(PartnerKarteTelemetry.RecordsFailedInstrument, "{record}", "Enrichment records that failed validation or writing.");
        ApiCalls = meter.CreateCounter<long>(PartnerKarteTelemetry.ApiCallsInstrument, "{request}", "Requests sent to the CRM that count against its API allocation, tagged with their kind.");
        RunDuration = meter.CreateHistogram<double>(PartnerKarteTelemetry.RunDurationInstrument, "s", "How long sync runs take, tagged with their outcome.");
        Runs = meter.CreateCounter<long>(PartnerKarteTelemetry.RunsInstrument, "{run}", "Sync runs by outcome.");
        Retries = meter.CreateCounter<long>(PartnerKarteTelemetry.RetriesInstrument, "{request}", "CRM requests retried after a transient failure or throttling.");
        ThrottlingWait = meter.CreateCounter<double>(PartnerKarteTelemetry.ThrottlingWaitInstrument, "s", "Time spent waiting because the CRM throttled.");
    }

    public Counter<long> Read { get; }

    public Counter<long> Written { get; }

    public Counter<long> Skipped { get; }

    public Counter<long> Failed { get; }

    public Counter<long> ApiCalls { get; }

    public Histogram<double> RunDuration { get; }

    public Counter<long> Runs { get; }

    public Counter<long> Retries { get; }

    public Counter<double> ThrottlingWait { get; }
}
