namespace PartnerKarte.Console.Cli;

/// <summary>A failure the console reports as one readable message and an exit code, without a stack trace.</summary>
internal class CliException : PartnerKarteException
{
    public CliException(int exitCode, string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        Code = code;
    }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }

    /// <summary>A short machine-readable code for <c>--json</c> output, such as <c>config</c> or <c>not-available</c>.</summary>
    public string Code { get; }

    /// <summary>Bad input or configuration (exit 2).</summary>
    public static CliException BadInput(string message, Exception? inner = null) => new(ExitCodes.BadInput, "bad-input", message, inner);

    /// <summary>A step whose engine is not part of this build yet (exit 1: nothing is pretended).</summary>
    public static CliException NotAvailable(string what) =>
        new(ExitCodes.PartialFailure, "not-available", $"{what} is not available in this build yet; nothing was computed for it.");
}
