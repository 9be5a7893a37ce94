namespace PartnerKarte.Emulators.Salesforce;

/// <summary>What a request to the emulator did, for counting calls by kind in tests.</summary>
public enum SalesforceApiCallKind
{
    /// <summary>OAuth token or revoke request (not an API call).</summary>
    Auth,

    /// <summary>Versions, resources, limits, describe, identity.</summary>
    Metadata,

    /// <summary>SOQL query page (query, queryAll, next page).</summary>
    Query,

    /// <summary>Record read (retrieve, collections retrieve).</summary>
    Read,

    /// <summary>A write: sObject create/update/upsert/delete, a collections write, or composite.</summary>
    Write,

    /// <summary>Bulk API 2.0 ingest job create, upload, close, abort, delete or result download.</summary>
    BulkIngest,

    /// <summary>Bulk API 2.0 job status poll.</summary>
    BulkPoll,

    /// <summary>Bulk API 2.0 query job create or results page.</summary>
    BulkQuery,

    /// <summary>Anything else.</summary>
    Other,
}
