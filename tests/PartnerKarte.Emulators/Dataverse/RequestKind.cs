namespace PartnerKarte.Emulators.Dataverse;

/// <summary>What kind of call a logged request was.</summary>
public enum RequestKind
{
    /// <summary>Token endpoint.</summary>
    Token,

    /// <summary>GET on data (queries, retrieves, WhoAmI).</summary>
    Read,

    /// <summary>POST, PATCH or DELETE on data.</summary>
    Write,

    /// <summary>$batch.</summary>
    Batch,

    /// <summary>EntityDefinitions and $metadata.</summary>
    Metadata,
}
