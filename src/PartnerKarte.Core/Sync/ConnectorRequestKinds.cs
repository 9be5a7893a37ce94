namespace PartnerKarte.Sync;

/// <summary>The request kinds connectors report to <see cref="ConnectorUsage.CountRequest"/>; a connector may add its own.</summary>
public static class ConnectorRequestKinds
{
    /// <summary>A query's first page (Salesforce <c>query</c>/<c>queryAll</c>, a Dataverse <c>GET</c> of a table).</summary>
    public const string Query = "query";

    /// <summary>A further page of a query (Salesforce <c>nextRecordsUrl</c>, Dataverse <c>@odata.nextLink</c>).</summary>
    public const string QueryMore = "query-more";

    /// <summary>A metadata request (Salesforce <c>describe</c>, Dataverse <c>EntityDefinitions</c>).</summary>
    public const string Describe = "describe";

    /// <summary>A request for the org's limits (Salesforce <c>/limits</c>).</summary>
    public const string Limits = "limits";

    /// <summary>A write of records (Salesforce composite sObject collections, a Dataverse <c>$batch</c> or single write).</summary>
    public const string Write = "write";

    /// <summary>A Bulk API 2.0 job call (create, upload, close, poll, results).</summary>
    public const string Bulk = "bulk";

    /// <summary>Any other request.</summary>
    public const string Other = "other";
}
