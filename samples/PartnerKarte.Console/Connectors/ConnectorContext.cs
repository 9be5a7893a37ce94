using PartnerKarte.Console.Cli;

namespace PartnerKarte.Console.Connectors;

/// <summary>What a connector factory gets: the merged configuration, the console settings, the surroundings and the connection flags.</summary>
internal sealed record ConnectorContext(CliConfiguration Configuration, ConsoleSettings Settings, CliEnvironment Environment)
{
    /// <summary>Connection flags from the command line; they win over configuration.</summary>
    public ConnectorFlags Flags { get; init; } = ConnectorFlags.None;
}
