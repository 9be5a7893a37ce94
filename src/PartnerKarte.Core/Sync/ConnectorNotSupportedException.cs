namespace PartnerKarte.Sync;

/// <summary>Thrown when a connector is asked for an operation it does not implement (see <see cref="ConnectorCapabilities"/>).</summary>
public sealed class ConnectorNotSupportedException : PartnerKarteException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="connector">The connector name.</param>
    /// <param name="operation">The operation asked for.</param>
    public ConnectorNotSupportedException(string connector, string operation)
        : base($"The {connector} connector does not support {operation}.")
    {
        Connector = connector;
        Operation = operation;
    }

    /// <summary>The connector name.</summary>
    public string Connector { get; }

    /// <summary>The operation asked for.</summary>
    public string Operation { get; }
}
