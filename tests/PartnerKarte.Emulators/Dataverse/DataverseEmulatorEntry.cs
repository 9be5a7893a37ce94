namespace PartnerKarte.Emulators.Dataverse;

/// <summary>Runs the Dataverse emulator as a process until it is stopped.</summary>
public static class DataverseEmulatorEntry
{
    /// <summary>Starts the emulator on 127.0.0.1 and waits for Ctrl+C.</summary>
    /// <param name="port">The port, or 0 for a free one.</param>
    /// <param name="args">The remaining command-line arguments.</param>
    /// <returns>A task that ends when the emulator stops.</returns>
    public static async Task RunAsync(int port, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var emulator = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Port = port }).ConfigureAwait(false);
        await using (emulator.ConfigureAwait(false))
        {
            Console.WriteLine($"Dataverse emulator: {emulator.BaseUri} (token endpoint {emulator.TokenUri}, client id {emulator.Options.ClientId})");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop normally.
            }
        }
    }
}
