using PartnerKarte.Console.Cli;

return await CliApp.RunAsync(args, CliEnvironment.FromProcess()).ConfigureAwait(false);
