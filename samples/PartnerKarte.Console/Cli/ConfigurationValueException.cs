namespace PartnerKarte.Console.Cli;

/// <summary>A configuration value that is missing or malformed; the message names the key and where it can be set.</summary>
internal sealed class ConfigurationValueException : CliException
{
    /// <param name="key">The key.</param>
    /// <param name="source">Where the value was set (a file, user secrets, an environment variable), as <see cref="CliConfiguration.SourceOf"/> says.</param>
    /// <param name="reason">What is wrong with it.</param>
    /// <param name="innerException">The cause.</param>
    public ConfigurationValueException(string key, string? source, string reason, Exception? innerException = null)
        : base(ExitCodes.BadInput, "config", $"Configuration value '{key}' ({source ?? $"not set; environment variable {CliConfiguration.EnvironmentName(key)}"}) {reason}.", innerException)
    {
        Key = key;
    }

    /// <summary>The configuration key, such as <c>Sync:BatchSize</c>.</summary>
    public string Key { get; }
}
