using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;

namespace PartnerKarte.Benchmarks.Scoring;

/// <summary>
/// <c>ab-nightly [--rounds N] DIR_A DIR_B [reps] [nights] [events] [daysPerBatch] [parallel]</c>: compares two builds of the
/// benchmarks (each <c>dotnet build -c Release tests/PartnerKarte.Benchmarks -o DIR</c>, e.g. from two git worktrees) on
/// consecutive nights in one process, alternating A and B night by night. On a shared VM whose speed drifts by 2× over
/// minutes, separate runs cannot show a 5 % change; paired nights can: both builds see the same drift. The first third of
/// the nights is warm-up.
/// </summary>
/// <remarks>
/// The order of the two sides matters: whichever build sets up its states second ran 4–6 % faster (a build against itself
/// gave 0.93–0.97 in one process, and a change measured 0.950 one way round and 0.941 the other — so it changed nothing; a
/// compacting collection after each setup did not remove the difference). So the comparison runs in fresh processes,
/// alternately in each order (<c>--rounds N</c> pairs, 3 by default, about 30 s a pair with the defaults), and reports
/// √((B/A)·(1/(A/B))) over the geometric means of the rounds, which cancels a constant order bias, and the bias itself. A
/// build against itself then gives 0.99–1.00. <c>--one-order</c> runs a single process in the order given.
/// </remarks>
public static class NightlyAbCommand
{
    /// <summary>Runs the comparison in both orders (two child processes a round) and prints each result and the combined ratio.</summary>
    /// <param name="args">The arguments after <c>ab-nightly</c>.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args)
    {
        if (args is ["--one-order", .. var rest])
        {
            return RunOneOrder(rest);
        }

        var rounds = 3;
        if (args is ["--rounds", var count, .. var others])
        {
            rounds = int.Parse(count, CultureInfo.InvariantCulture);
            args = others;
        }

        if (args.Length < 2 || rounds < 1)
        {
            Console.Error.WriteLine("usage: ab-nightly [--one-order | --rounds N] DIR_A DIR_B [reps=100000] [nights=150] [events=10000] [daysPerBatch=1; 0 = the single batch of TrustIncrementalBenchmarks, -1 = full scoring] [parallel]");
            return 2;
        }

        // Orders alternate, so a drift of the VM's speed during the run falls on both about equally.
        double logAb = 0, logBa = 0;
        for (var round = 0; round < rounds; round++)
        {
            Console.WriteLine($"round {round + 1}, A set up first:");
            var forward = RunChild(args);
            Console.WriteLine($"round {round + 1}, B set up first (in this line A is build B, B is build A):");
            var backward = RunChild([args[1], args[0], .. args[2..]]);
            if (forward is not { } ab || backward is not { } ba)
            {
                return 1;
            }

            logAb += Math.Log(ab);
            logBa += Math.Log(ba);
        }

        // ab = B/A with A set up first, ba = A/B with B set up first; a constant advantage g of the second side makes them
        // (B/A)·g and (A/B)·g, so √(ab/ba) is B/A without it and √(ab·ba) is g (geometric means over the rounds).
        double gab = Math.Exp(logAb / rounds), gba = Math.Exp(logBa / rounds);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"B/A, both orders: {Math.Sqrt(gab / gba):F3} (A first {gab:F3}, B first {1 / gba:F3}; the side set up second ran ×{Math.Sqrt(gab * gba):F3})"));
        return 0;
    }

    /// <summary>Runs this command with <c>--one-order</c> in a fresh process and returns its median paired ratio.</summary>
    private static double? RunChild(string[] args)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location); // started as `dotnet PartnerKarte.Benchmarks.dll`
        }

        foreach (var arg in (string[])["ab-nightly", "--one-order", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        using var child = Process.Start(info)!;
        double? ratio = null;
        while (child.StandardOutput.ReadLine() is { } line)
        {
            Console.WriteLine(line);
            if (line.StartsWith(RatioPrefix, StringComparison.Ordinal))
            {
                ratio = double.Parse(line[RatioPrefix.Length..], CultureInfo.InvariantCulture);
            }
        }

        child.WaitForExit();
        if (child.ExitCode != 0 || ratio is null)
        {
            Console.Error.WriteLine($"ab-nightly {string.Join(' ', args)}: the child process exited with {child.ExitCode} without a ratio.");
            return null;
        }

        return ratio;
    }

    private const string RatioPrefix = "median paired ratio ";

    private static int RunOneOrder(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: ab-nightly --one-order DIR_A DIR_B [reps=100000] [nights=150] [events=10000] [daysPerBatch=1; 0 = the single batch of TrustIncrementalBenchmarks, -1 = full scoring] [parallel]");
            return 2;
        }

        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        int reps = Arg(2, 100_000), nights = Arg(3, 150), events = Arg(4, 10_000), days = Arg(5, 1);
        var parallel = args.Length > 6 && args[6] == "parallel";
        var sides = args[..2].Select(dir => Side.Load(Path.GetFullPath(dir))).ToArray();
        foreach (var side in sides)
        {
            side.Setup(reps, events, days);
        }

        var a = new List<double>();
        var b = new List<double>();
        for (var n = 0; n < nights; n++)
        {
            // Alternate which build goes first, so neither always runs on caches the other just filled.
            double ta, tb;
            if (n % 2 == 0)
            {
                ta = sides[0].Night(n, parallel);
                tb = sides[1].Night(n, parallel);
            }
            else
            {
                tb = sides[1].Night(n, parallel);
                ta = sides[0].Night(n, parallel);
            }

            if (n >= nights / 3)
            {
                a.Add(ta);
                b.Add(tb);
            }
        }

        var ratios = a.Zip(b, (x, y) => y / x).ToList();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"A median {Median(a):F2} ms, mean {a.Average():F2} | B median {Median(b):F2} ms, mean {b.Average():F2} | B/A: median of paired ratios {Median(ratios):F3}, ratio of means {b.Average() / a.Average():F3} | checksums {sides[0].Checksum():F3} {sides[1].Checksum():F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{RatioPrefix}{Median(ratios):R}"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>One build, in a load context of its own that resolves assemblies from its directory first.</summary>
    private sealed class Side(string dir) : AssemblyLoadContext($"ab:{dir}")
    {
        private Action<int, int, int> _setup = null!;
        private Func<int, bool, double> _night = null!;
        private Func<double> _checksum = null!;

        public static Side Load(string dir)
        {
            var side = new Side(dir);
            var assembly = side.LoadFromAssemblyPath(Path.Combine(dir, "PartnerKarte.Benchmarks.dll"));
            var driver = assembly.GetType(typeof(NightlyAbDriver).FullName!, throwOnError: true)!;
            side._setup = driver.GetMethod(nameof(NightlyAbDriver.Setup))!.CreateDelegate<Action<int, int, int>>();
            side._night = driver.GetMethod(nameof(NightlyAbDriver.Night))!.CreateDelegate<Func<int, bool, double>>();
            side._checksum = driver.GetMethod(nameof(NightlyAbDriver.Checksum))!.CreateDelegate<Func<double>>();
            return side;
        }

        public void Setup(int reps, int events, int days) => _setup(reps, events, days);

        public double Night(int n, bool parallel) => _night(n, parallel);

        public double Checksum() => _checksum();

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(dir, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
