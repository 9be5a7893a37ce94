using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace PartnerKarte.Scoring;

/// <summary>
/// An inlinable exp for decay weights. The scoring loop needs two to four exponentials per interaction, and the
/// runtime's <see cref="Math.Exp"/> is an out-of-line call into the C library that dominated the profile.
/// </summary>
/// <remarks>
/// exp(x) = 2^(k/N) · exp(r) with k = round(x·N/ln 2), N = 128 and |r| ≤ ln 2/(2N): a table of 2^(j/N), an exact
/// power-of-two scale, and a degree-5 polynomial whose truncation error (r⁶/720 &lt; 1e-18) is far below a double's
/// rounding. The result is within one ulp of <see cref="Math.Exp"/> (the same double or a neighbour), far more than the
/// 1e-9 agreement between full and incremental scoring needs — both use this function. Arguments outside ±700 (and NaN) go to <see cref="Math.Exp"/>.
/// </remarks>
internal static partial class DecayMath
{
    private const int TableBits = 7;
    private const int TableSize = 1 << TableBits;
    private const double InvLn2N = TableSize / 0.6931471805599453;

    // ln 2 split into a head with trailing zero bits (so k·head is exact for |k| < 2^20) and the remainder, divided by N (exact).
    private const double Ln2HiN = 6.93147180369123816490e-01 / TableSize;
    private const double Ln2LoN = 1.90821492927058770002e-10 / TableSize;

    private static readonly double[] PowersOfTwo = BuildTable();

    /// <summary>e^x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x)
    {
        if (!(x >= -700 && x <= 700))
        {
            return Math.Exp(x); // NaN, infinities and results near the limits of double
        }

        var kd = Math.Round(x * InvLn2N);
        var k = (int)kd;
        var r = (x - (kd * Ln2HiN)) - (kd * Ln2LoN);
        // e^r − 1 rather than e^r, so the last step below is t + t·q with a single rounding: adding the 1 first and then
        // multiplying by t rounds twice (measured: up to 3 ulps, where this is within about one).
        double q;
        var t = PowersOfTwo[k & (TableSize - 1)];
        var scale = BitConverter.Int64BitsToDouble((long)((k >> TableBits) + 1023) << 52);
        if (Fma.IsSupported)
        {
            // Estrin's scheme with fused multiply-adds: three dependent steps instead of Horner's ten (this exp runs
            // a dozen times per scored rep, on the critical path of the sums).
            var r2 = r * r;
            var high = Math.FusedMultiplyAdd(r2, Math.FusedMultiplyAdd(r, 1.0 / 120, 1.0 / 24), Math.FusedMultiplyAdd(r, 1.0 / 6, 0.5));
            q = Math.FusedMultiplyAdd(r2, high, r);
            return Math.FusedMultiplyAdd(t, q, t) * scale;
        }

        q = r * (1 + (r * (0.5 + (r * ((1.0 / 6) + (r * ((1.0 / 24) + (r * (1.0 / 120)))))))));
        return (t + (t * q)) * scale;
    }

    private static double[] BuildTable()
    {
        var table = new double[TableSize];
        for (var j = 0; j < TableSize; j++)
        {
            table[j] = Math.Pow(2, j / (double)TableSize);
        }

        return table;
    }
}
