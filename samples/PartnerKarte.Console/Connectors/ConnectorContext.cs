using PartnerKarte.Console.Cli;

namespace PartnerKarte.Console.Connectors;

/// <summary>What a connector factory gets: the merged configuration, the console settings and the surroundings.</summary>
internal sealed record ConnectorContext(CliConfiguration Configuration, ConsoleSettings Settings, CliEnvironment Environment);
