using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;

namespace PartnerKarte.Benchmarks.Scoring;

/// <summary>
/// <c>ab-nightly DIR_A DIR_B [reps] [nights] [events] [daysPerBatch] [parallel]</c>: compares two builds of the benchmarks
/// (each <c>dotnet build -c Release tests/PartnerKarte.Benchmarks -o DIR</c>, e.g. from two git worktrees) on consecutive
/// nights in one process, alternating A and B night by night. On a shared VM whose speed drifts by 2× over minutes, separate
/// runs cannot show a 5 % change; paired nights can: both builds see the same drift, and the median of the B/A ratios of
/// the same night is stable to about ±1 % (A against itself). The first third of the nights is warm-up.
/// </summary>
public static class NightlyAbCommand
{
    /// <summary>Runs the comparison and prints medians, means and the paired ratio.</summary>
    /// <param name="args">The arguments after <c>ab-nightly</c>.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: ab-nightly DIR_A DIR_B [reps=100000] [nights=150] [events=10000] [daysPerBatch=1] [parallel]");
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
