using BenchmarkDotNet.Running;

if (args is ["dataverse-writes", ..])
{
    // A command, not a BenchmarkDotNet run: see PartnerKarte.Benchmarks.Dataverse.DataverseWriteBenchmark.
    await PartnerKarte.Benchmarks.Dataverse.DataverseWriteBenchmark.RunAsync(args);
    return;
}

if (args is ["csv-import", ..])
{
    // A command, not a BenchmarkDotNet run: see PartnerKarte.Benchmarks.CsvImportCommand.
    await PartnerKarte.Benchmarks.CsvImportCommand.RunAsync(args);
    return;
}

// Not typeof(Program): the referenced emulator exe has a public top-level Program too.
BenchmarkSwitcher.FromAssembly(typeof(PartnerKarte.Benchmarks.Dataverse.DataverseWriteBenchmark).Assembly).Run(args);
