namespace PartnerKarte.Console.Cli;

/// <summary>A configuration value that is missing or malformed; the message names the key and where it can be set.</summary>
internal sealed class ConfigurationValueException : CliException
{
    public ConfigurationValueException(string key, string reason, Exception? innerException = null)
        : base(ExitCodes.BadInput, "config", $"Configuration value '{key}' (environment variable {CliConfiguration.EnvironmentName(key)}) {reason}.", innerException)
    {
        Key = key;
    }

    /// <summary>The configuration key, such as <c>Sync:BatchSize</c>.</summary>
    public string Key { get; }
}
