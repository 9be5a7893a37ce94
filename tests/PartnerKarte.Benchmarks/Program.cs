using BenchmarkDotNet.Running;

// "sync" is the sync benchmark command (wall time and peak RSS of child processes); everything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "sync")
{
    return await PartnerKarte.Benchmarks.SyncBenchmarkCommand.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
