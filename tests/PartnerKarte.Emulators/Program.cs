// Entry point of the emulators: `dotnet run --project tests/PartnerKarte.Emulators -- salesforce|dataverse --port N`.
// Tests start the same hosts in-process on a random loopback port.
using PartnerKarte.Emulators.Dataverse;
using PartnerKarte.Emulators.Salesforce;

var port = 0;
for (var i = 1; i < args.Length - 1; i++)
{
    if (args[i] == "--port" && !int.TryParse(args[i + 1], out port))
    {
        Console.Error.WriteLine($"--port: '{args[i + 1]}' is not a port number.");
        return 2;
    }
}

switch (args.FirstOrDefault())
{
    case "salesforce":
        await SalesforceEmulatorEntry.RunAsync(port, args).ConfigureAwait(false);
        return 0;
    case "dataverse":
        await DataverseEmulatorEntry.RunAsync(port, args).ConfigureAwait(false);
        return 0;
    default:
        Console.Error.WriteLine("usage: PartnerKarte.Emulators salesforce|dataverse [--port N]");
        return 2;
}
