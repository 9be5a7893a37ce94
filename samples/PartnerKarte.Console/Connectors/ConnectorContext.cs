using PartnerKarte.Console.Cli;

namespace PartnerKarte.Console.Connectors;

/// <summary>What a connector factory gets: the merged configuration, the console settings and the surroundings.</summary>
internal sealed record ConnectorContext(CliConfiguration Configuration, ConsoleSettings Settings, CliEnvironment Environment)
{
    /// <summary>Configuration keys set by command-line flags (such as <c>Salesforce:InstanceUrl</c> from <c>--instance-url</c>); they win over every other source.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();
}
