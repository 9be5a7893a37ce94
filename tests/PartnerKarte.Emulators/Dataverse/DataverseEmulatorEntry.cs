namespace PartnerKarte.Emulators.Dataverse;

/// <summary>Runs the Dataverse emulator as a process until it is stopped.</summary>
public static class DataverseEmulatorEntry
{
    /// <summary>Starts the emulator on 127.0.0.1 and waits for Ctrl+C.</summary>
    /// <param name="port">The port, or 0 for a free one.</param>
    /// <param name="args">The remaining command-line arguments.</param>
    /// <returns>A task that ends when the emulator stops.</returns>
    public static Task RunAsync(int port, string[] args)
    {
        // Placeholder until the Dataverse emulator lands: fail clearly rather than pretend to serve.
        Console.Error.WriteLine("The Dataverse emulator is not built yet.");
        return Task.CompletedTask;
    }
}
