using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PartnerKarte.Benchmarks.Scoring;

/// <summary>
/// A short in-process job: the shared 2-core build machine is too busy to build BenchmarkDotNet's out-of-process
/// project within its timeout, and the incremental setup (100k states from 1M events) needs minutes there.
/// </summary>
internal sealed class ScoringBenchmarkConfig : ManualConfig
{
    public ScoringBenchmarkConfig()
    {
        var toolchain = new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true);
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithToolchain(toolchain).WithId("ShortInProcess"));
    }
}

/// <summary>
/// Like <see cref="ScoringBenchmarkConfig"/>, with one invocation per iteration (the run mutates state, undone in cleanup),
/// and 40 warm-up iterations: an iteration takes milliseconds and calls the benchmark once, so with 3 the measured
/// iterations would still run tier-0 (unoptimised) code — the runtime promotes a method after 30 calls.
/// </summary>
internal sealed class IncrementalBenchmarkConfig : ManualConfig
{
    public IncrementalBenchmarkConfig()
    {
        var toolchain = new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true);
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(40).WithIterationCount(15).WithInvocationCount(1).WithUnrollFactor(1)
            .WithToolchain(toolchain).WithId("ShortInProcess"));
    }
}
