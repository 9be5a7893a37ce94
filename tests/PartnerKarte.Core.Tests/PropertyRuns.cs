using System.Globalization;

namespace PartnerKarte.Core.Tests;

/// <summary>
/// How many cases each FsCheck property runs. CI runs the counts written in the tests; a soak run multiplies them,
/// e.g. <c>PARTNERKARTE_PROPERTY_SCALE=200 dotnet test --filter FullyQualifiedName~Properties</c>, to look for rare
/// counterexamples (each run draws new random seeds; a failure prints the seed to replay it).
/// </summary>
internal static class PropertyRuns
{
    private static readonly int Scale = ReadScale();

    /// <summary><paramref name="cases"/> times the soak scale (1 unless <c>PARTNERKARTE_PROPERTY_SCALE</c> is set).</summary>
    /// <param name="cases">The count for an ordinary run.</param>
    /// <returns>The count to run.</returns>
    public static int Cases(int cases) => checked(cases * Scale);

    private static int ReadScale()
    {
        var text = Environment.GetEnvironmentVariable("PARTNERKARTE_PROPERTY_SCALE");
        if (string.IsNullOrEmpty(text))
        {
            return 1;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var scale) && scale >= 1
            ? scale
            : throw new InvalidOperationException($"PARTNERKARTE_PROPERTY_SCALE must be a whole number ≥ 1, not '{text}'.");
    }
}
