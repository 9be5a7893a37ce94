namespace PartnerKarte.Sync;

/// <summary>The result of <see cref="KarteConnector.CheckHealthAsync"/>: connectivity, auth and mapping problems, each a readable sentence.</summary>
/// <param name="Problems">What is wrong and how to fix it; empty when healthy. No secrets.</param>
public sealed record ConnectorHealth(IReadOnlyList<string> Problems)
{
    /// <summary>Whether nothing is wrong.</summary>
    public bool IsHealthy => Problems.Count == 0;

    /// <summary>A healthy result.</summary>
    public static ConnectorHealth Healthy { get; } = new([]);
}
