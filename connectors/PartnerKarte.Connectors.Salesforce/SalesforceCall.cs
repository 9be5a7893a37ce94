using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>What one connector call carries through the HTTP pipeline: its usage counters and what to do with each attempt.</summary>
internal sealed class SalesforceCall(ConnectorUsage usage, string kind, Action<HttpResponseMessage> observe)
{
    private static readonly HttpRequestOptionsKey<SalesforceCall> Key = new("PartnerKarte.Salesforce.Call");

    public ConnectorUsage Usage { get; } = usage;

    public string Kind { get; } = kind;

    /// <summary>Attempts that went through <see cref="SalesforceAttemptHandler"/>; 0 when a host's pipeline left it out.</summary>
    public int Attempts { get; private set; }

    public static SalesforceCall? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var call) ? call : null;

    public void AttachTo(HttpRequestMessage request) => request.Options.Set(Key, this);

    public void Attempted() => Attempts++;

    public void Observe(HttpResponseMessage response) => observe(response);
}
