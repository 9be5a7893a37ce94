namespace PartnerKarte.Console.Connectors;

/// <summary>One connector the console offers by name, for <c>doctor</c> and messages; <see cref="ConnectorRegistry"/> creates it.</summary>
internal sealed record ConnectorRegistration(string Name, string Description);
