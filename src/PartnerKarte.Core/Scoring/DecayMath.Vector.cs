using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PartnerKarte.Scoring;

// Four exponentials at once for the block evaluator (SnapshotBlock), bit for bit the values of Exp: every lane does
// Exp's operations in Exp's order (IEEE multiply, add, fused multiply-add and round-to-even give the same result in a
// vector lane as in a scalar register), so a rep scored alone and a rep scored in a block of four agree to the last bit.
internal static partial class DecayMath
{
    // 2^52 + 2^51: adding it to an integral double below 2^51 in magnitude leaves that integer in the low mantissa bits.
    private const double IntegerMagic = 6755399441055744.0;

    // 1023 · N: added to k before the shift, so the exponent field comes out of a logical shift (k ≥ −130,000 for |x| ≤ 700).
    private const long BiasTimesN = 1023L * TableSize;

    /// <summary>e^x in each lane, the same bits as <see cref="Exp(double)"/> of that lane. Needs accelerated 256-bit vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        var inRange = Vector256.GreaterThanOrEqual(x, Vector256.Create(-700.0)) & Vector256.LessThanOrEqual(x, Vector256.Create(700.0));
        if (Vector256.ExtractMostSignificantBits(inRange) != 0b1111)
        {
            return ExpPerLane(x); // NaN or a lane outside ±700: Math.Exp, as the scalar function does
        }

        var kd = Vector256.Round(x * Vector256.Create(InvLn2N));
        var k = (kd + Vector256.Create(IntegerMagic)).AsInt64() - Vector256.Create(IntegerMagic).AsInt64();
        var r = (x - (kd * Vector256.Create(Ln2HiN))) - (kd * Vector256.Create(Ln2LoN));
        var index = k & Vector256.Create((long)(TableSize - 1));
        var table = PowersOfTwo;
        var t = Vector256.Create(
            table[(int)index.GetElement(0)], table[(int)index.GetElement(1)], table[(int)index.GetElement(2)], table[(int)index.GetElement(3)]);
        var scale = Vector256.ShiftLeft(Vector256.ShiftRightLogical(k + Vector256.Create(BiasTimesN), TableBits), 52).AsDouble();
        if (Fma.IsSupported)
        {
            var r2 = r * r;
            var high = Vector256.FusedMultiplyAdd(
                r2,
                Vector256.FusedMultiplyAdd(r, Vector256.Create(1.0 / 120), Vector256.Create(1.0 / 24)),
                Vector256.FusedMultiplyAdd(r, Vector256.Create(1.0 / 6), Vector256.Create(0.5)));
            var q = Vector256.FusedMultiplyAdd(r2, high, r);
            return Vector256.FusedMultiplyAdd(t, q, t) * scale;
        }

        var one = Vector256<double>.One;
        var poly = r * (one + (r * (Vector256.Create(0.5) + (r * (Vector256.Create(1.0 / 6) + (r * (Vector256.Create(1.0 / 24) + (r * Vector256.Create(1.0 / 120)))))))));
        return (t + (t * poly)) * scale;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> ExpPerLane(Vector256<double> x) =>
        Vector256.Create(Exp(x.GetElement(0)), Exp(x.GetElement(1)), Exp(x.GetElement(2)), Exp(x.GetElement(3)));
}
