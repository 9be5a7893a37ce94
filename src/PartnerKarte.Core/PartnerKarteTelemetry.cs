using System.Diagnostics;

namespace PartnerKarte;

/// <summary>
/// The names PartnerKarte reports traces and metrics under, for <c>AddSource</c> / <c>AddMeter</c> in OpenTelemetry and for
/// dashboards. Tags carry connector names, outcomes, counts and request kinds only: never a name, e-mail address or field value.
/// </summary>
public static class PartnerKarteTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: <c>PartnerKarte</c>.</summary>
    public const string ActivitySourceName = "PartnerKarte";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name: <c>PartnerKarte.Sync</c>.</summary>
    public const string MeterName = "PartnerKarte.Sync";

    /// <summary>Activity of one sync run (from taking the lease to recording the report).</summary>
    public const string RunActivity = "partnerkarte.sync.run";

    /// <summary>Activity of reading the change feed since the saved watermark.</summary>
    public const string ReadActivity = "partnerkarte.sync.read";

    /// <summary>Activity of computing the enrichment of one karte batch (scores, KPIs, alerts).</summary>
    public const string ComputeActivity = "partnerkarte.sync.compute";

    /// <summary>Activity of writing one batch of enrichment records and checkpointing it.</summary>
    public const string WriteBatchActivity = "partnerkarte.sync.write_batch";

    /// <summary>Activity of one HTTP request a connector sends to its CRM (each retry is one more).</summary>
    public const string CrmCallActivity = "partnerkarte.crm.call";

    /// <summary>Histogram of run durations, in seconds, tagged with <see cref="ConnectorTag"/> and <see cref="OutcomeTag"/>.</summary>
    public const string RunDurationInstrument = "partnerkarte.sync.run.duration";

    /// <summary>Counter of finished runs, tagged with <see cref="ConnectorTag"/> and <see cref="OutcomeTag"/>.</summary>
    public const string RunsInstrument = "partnerkarte.sync.runs";

    /// <summary>Counter of karte records read from the change feed.</summary>
    public const string RecordsReadInstrument = "partnerkarte.sync.records.read";

    /// <summary>Counter of enrichment records written.</summary>
    public const string RecordsWrittenInstrument = "partnerkarte.sync.records.written";

    /// <summary>Counter of enrichment records skipped because nothing changed.</summary>
    public const string RecordsSkippedInstrument = "partnerkarte.sync.records.skipped";

    /// <summary>Counter of enrichment records that failed validation or writing.</summary>
    public const string RecordsFailedInstrument = "partnerkarte.sync.records.failed";

    /// <summary>Counter of requests sent to the CRM, tagged with their kind.</summary>
    public const string ApiCallsInstrument = "partnerkarte.sync.api_calls";

    /// <summary>Counter of CRM requests retried after a transient failure or throttling.</summary>
    public const string RetriesInstrument = "partnerkarte.crm.retries";

    /// <summary>Counter of seconds spent waiting because the CRM throttled (429 and Retry-After).</summary>
    public const string ThrottlingWaitInstrument = "partnerkarte.crm.throttling.wait";

    /// <summary>Tag: the connector's name (<c>sqlite</c>, <c>salesforce</c>, <c>dataverse</c>).</summary>
    public const string ConnectorTag = "partnerkarte.connector";

    /// <summary>Tag: how a run ended: <c>succeeded</c>, <c>partially_failed</c>, <c>aborted</c>, <c>cancelled</c> or <c>already_running</c>.</summary>
    public const string OutcomeTag = "partnerkarte.sync.outcome";

    /// <summary>Tag: the kind of CRM request (see <see cref="Sync.ConnectorRequestKinds"/>).</summary>
    public const string RequestKindTag = "partnerkarte.request.kind";

    /// <summary>Tag: a count of records (read, written, in a batch).</summary>
    public const string RecordCountTag = "partnerkarte.records";

    /// <summary>The source of PartnerKarte's activities; connectors start their <see cref="CrmCallActivity"/> with <see cref="StartCrmCall"/>.</summary>
    internal static ActivitySource Source { get; } = new(ActivitySourceName, typeof(PartnerKarteTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Starts the activity of one CRM request, when anything listens; dispose it when the response is in.</summary>
    /// <param name="connector">The connector's name.</param>
    /// <param name="kind">The kind of request (see <see cref="Sync.ConnectorRequestKinds"/>); no URL, no query text.</param>
    /// <returns>The activity, or <see langword="null"/> when nothing listens.</returns>
    public static Activity? StartCrmCall(string connector, string kind)
    {
        var activity = Source.StartActivity(CrmCallActivity, ActivityKind.Client);
        activity?.SetTag(ConnectorTag, connector);
        activity?.SetTag(RequestKindTag, kind);
        return activity;
    }

    /// <summary>The outcome tag value of a run.</summary>
    internal static string OutcomeName(Sync.SyncOutcome outcome) => outcome switch
    {
        Sync.SyncOutcome.Succeeded => "succeeded",
        Sync.SyncOutcome.PartiallyFailed => "partially_failed",
        _ => "aborted",
    };
}
