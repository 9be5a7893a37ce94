namespace PartnerKarte.Emulators.Salesforce;

/// <summary>Runs the Salesforce emulator as a process until it is stopped.</summary>
public static class SalesforceEmulatorEntry
{
    /// <summary>Starts the emulator on 127.0.0.1 and waits for Ctrl+C.</summary>
    /// <param name="port">The port, or 0 for a free one.</param>
    /// <param name="args">The remaining command-line arguments.</param>
    /// <returns>A task that ends when the emulator stops.</returns>
    public static async Task RunAsync(int port, string[] args)
    {
        await using var emulator = await SalesforceEmulator.StartAsync(port).ConfigureAwait(false);
        Console.WriteLine($"Salesforce emulator listening on {emulator.BaseUrl} (client id {emulator.ClientId}, client secret {emulator.ClientSecret}).");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop quietly.
        }
    }
}
