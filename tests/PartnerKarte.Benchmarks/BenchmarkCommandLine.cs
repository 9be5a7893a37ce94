using System.Globalization;

namespace PartnerKarte.Benchmarks;

/// <summary>What the child-process benchmark commands (<c>sync</c>, <c>views</c>) share: arguments, peak memory, store copies.</summary>
internal static class BenchmarkCommandLine
{
    /// <summary>This process's peak resident set (VmHWM), in MB; NaN where /proc is not available.</summary>
    public static double PeakRssMegabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return double.NaN;
    }

    /// <summary>The value after <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static string? TextOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The value after <paramref name="name"/> parsed, or <paramref name="fallback"/>.</summary>
    public static T Option<T>(string[] args, string name, T fallback)
        where T : IParsable<T>
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? T.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Copies a SQLite store file with its write-ahead log.</summary>
    public static void CopyStore(string from, string to)
    {
        foreach (var suffix in new[] { "", "-wal" })
        {
            File.Delete(to + suffix);
            if (File.Exists(from + suffix))
            {
                File.Copy(from + suffix, to + suffix);
            }
        }
    }
}
