using BenchmarkDotNet.Running;

if (args is ["salesforce-writes", ..])
{
    return await PartnerKarte.Benchmarks.Salesforce.SalesforceWriteBenchmark.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(PartnerKarte.Benchmarks.Salesforce.SalesforceWriteBenchmark).Assembly).Run(args);
return 0;
