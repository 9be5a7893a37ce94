using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>What one connector call carries through the HTTP pipeline: its usage counters and what to do with each attempt.</summary>
internal sealed class DataverseCall(ConnectorUsage usage, string kind, string what, Action<HttpResponseMessage> observe)
{
    private static readonly HttpRequestOptionsKey<DataverseCall> Key = new("PartnerKarte.Dataverse.Call");

    public ConnectorUsage Usage { get; } = usage;

    public string Kind { get; } = kind;

    /// <summary>What the call does, for messages (method and entity set, no values).</summary>
    public string What { get; } = what;

    /// <summary>Attempts that went through <see cref="DataverseAttemptHandler"/>; 0 when a host's pipeline left it out.</summary>
    public int Attempts { get; private set; }

    public static DataverseCall? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var call) ? call : null;

    public void AttachTo(HttpRequestMessage request) => request.Options.Set(Key, this);

    public void Attempted() => Attempts++;

    public void Observe(HttpResponseMessage response) => observe(response);
}
