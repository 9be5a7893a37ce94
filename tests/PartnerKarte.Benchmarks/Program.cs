using BenchmarkDotNet.Running;

if (args is ["salesforce-writes", ..])
{
    // A command, not a BenchmarkDotNet run: see PartnerKarte.Benchmarks.Salesforce.SalesforceWriteBenchmark.
    await PartnerKarte.Benchmarks.Salesforce.SalesforceWriteBenchmark.RunAsync(args[1..]);
    return 0;
}

if (args is ["dataverse-writes", ..])
{
    // A command, not a BenchmarkDotNet run: see PartnerKarte.Benchmarks.Dataverse.DataverseWriteBenchmark.
    await PartnerKarte.Benchmarks.Dataverse.DataverseWriteBenchmark.RunAsync(args);
    return 0;
}

if (args is ["sync", ..])
{
    // A command: wall time and peak RSS of the sync in child processes, see PartnerKarte.Benchmarks.SyncBenchmarkCommand.
    return await PartnerKarte.Benchmarks.SyncBenchmarkCommand.RunAsync(args[1..]);
}

if (args is ["postgres", ..])
{
    // A command: the same load and nights on SQLite and PostgreSQL, and a night shared by workers, see PartnerKarte.Benchmarks.PostgresBenchmarkCommand.
    return await PartnerKarte.Benchmarks.PostgresBenchmarkCommand.RunAsync(args[1..]);
}

if (args is ["views", ..])
{
    // A command: wall time and peak RSS of karte and report on a large store in child processes, see PartnerKarte.Benchmarks.KarteReportBenchmarkCommand.
    return await PartnerKarte.Benchmarks.KarteReportBenchmarkCommand.RunAsync(args[1..]);
}

if (args is ["trust-backtest", ..])
{
    // A command: the trust score and alerts against the sample generator's hidden truth, see PartnerKarte.Benchmarks.TrustBacktestCommand.
    return await PartnerKarte.Benchmarks.TrustBacktestCommand.RunAsync(args[1..]);
}

if (args is ["import-workbook", ..])
{
    // A command: the console's import of a 100,000-row four-sheet workbook in a child process, see PartnerKarte.Benchmarks.ImportWorkbookBenchmarkCommand.
    return await PartnerKarte.Benchmarks.ImportWorkbookBenchmarkCommand.RunAsync(args[1..]);
}

if (args is ["migrate", ..])
{
    // A command: 100,000 records sqlite → Dataverse emulator, wall time and write calls, see PartnerKarte.Benchmarks.MigrateBenchmarkCommand.
    return await PartnerKarte.Benchmarks.MigrateBenchmarkCommand.RunAsync(args[1..]);
}

if (args is ["csv-import", ..])
{
    // A command, not a BenchmarkDotNet run: see PartnerKarte.Benchmarks.CsvImportCommand.
    await PartnerKarte.Benchmarks.CsvImportCommand.RunAsync(args);
    return 0;
}

// Not typeof(Program): the referenced emulator exe has a public top-level Program too.
BenchmarkSwitcher.FromAssembly(typeof(PartnerKarte.Benchmarks.Dataverse.DataverseWriteBenchmark).Assembly).Run(args);
return 0;
