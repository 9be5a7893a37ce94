using BenchmarkDotNet.Running;

if (args is ["dataverse-writes", ..])
{
    // A command, not a BenchmarkDotNet run: see PartnerKarte.Benchmarks.Dataverse.DataverseWriteBenchmark.
    await PartnerKarte.Benchmarks.Dataverse.DataverseWriteBenchmark.RunAsync(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
