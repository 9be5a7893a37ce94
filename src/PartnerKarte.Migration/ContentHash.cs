using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace PartnerKarte.Migration;

/// <summary>
/// SHA-256 (FIPS 180-4) of short texts, in managed code: imported records get ids derived from their content
/// (the first 8 bytes of the SHA-256 of a key), one per record, and for such short inputs the platform's digest
/// costs more in per-call setup than in hashing. Used for ids only, not for security; tests check it against
/// <see cref="System.Security.Cryptography.SHA256"/>.
/// </summary>
internal static class ContentHash
{
    // First 32 bits of the fractional parts of the cube roots of the first 64 primes (K) and of the square roots
    // of the first 8 primes (initial state), computed exactly with integers instead of typed in.
    private static readonly uint[] K = FractionBits(64, 3);
    private static readonly uint[] Initial = FractionBits(8, 2);

    /// <summary>The first 8 bytes of the SHA-256 of the text's UTF-8, in lower-case hex (16 characters).</summary>
    public static string IdOf(string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var bytes = max <= 512 ? stackalloc byte[512] : new byte[max];
        var length = Encoding.UTF8.GetBytes(text, bytes);
        Span<byte> digest = stackalloc byte[32];
        Sha256(bytes[..length], digest);
        return Convert.ToHexStringLower(digest[..8]);
    }

    /// <summary>The SHA-256 digest of <paramref name="data"/> into the 32 bytes of <paramref name="digest"/>.</summary>
    public static void Sha256(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        Span<uint> h = stackalloc uint[8];
        Initial.CopyTo(h);
        Span<uint> w = stackalloc uint[64];
        var full = data.Length / 64;
        for (var b = 0; b < full; b++)
        {
            Compress(h, data.Slice(b * 64, 64), w);
        }

        // Padding: 0x80, zeros, and the message length in bits as a 64-bit big-endian number.
        Span<byte> block = stackalloc byte[64];
        block.Clear();
        var rest = data[(full * 64)..];
        rest.CopyTo(block);
        block[rest.Length] = 0x80;
        if (rest.Length >= 56)
        {
            Compress(h, block, w);
            block.Clear();
        }

        BinaryPrimitives.WriteUInt64BigEndian(block[56..], (ulong)data.Length * 8);
        Compress(h, block, w);
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest[(4 * i)..], h[i]);
        }
    }

    private static void Compress(Span<uint> h, ReadOnlySpan<byte> block, Span<uint> w)
    {
        for (var t = 0; t < 16; t++)
        {
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(4 * t)..]);
        }

        for (var t = 16; t < 64; t++)
        {
            var s0 = BitOperations.RotateRight(w[t - 15], 7) ^ BitOperations.RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
            var s1 = BitOperations.RotateRight(w[t - 2], 17) ^ BitOperations.RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }

        uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (var t = 0; t < 64; t++)
        {
            var s1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            var ch = (e & f) ^ (~e & g);
            var t1 = hh + s1 + ch + K[t] + w[t];
            var s0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            var maj = (a & b) ^ (a & c) ^ (b & c);
            var t2 = s0 + maj;
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }

        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }

    /// <summary>The first 32 fraction bits of the <paramref name="root"/>-th roots of the first <paramref name="count"/> primes.</summary>
    private static uint[] FractionBits(int count, int root)
    {
        var result = new uint[count];
        var found = 0;
        for (var p = 2; found < count; p++)
        {
            var prime = true;
            for (var q = 2; q * q <= p; q++)
            {
                prime &= p % q != 0;
            }

            if (!prime)
            {
                continue;
            }

            // x = floor(root(p) * 2^32) exactly: the largest x with x^root <= p * 2^(32 * root).
            var target = new BigInteger(p) << (32 * root);
            var x = new BigInteger(Math.Pow(p, 1.0 / root) * 4294967296.0);
            while (BigInteger.Pow(x, root) > target)
            {
                x--;
            }

            while (BigInteger.Pow(x + 1, root) <= target)
            {
                x++;
            }

            result[found++] = (uint)(x & uint.MaxValue);
        }

        return result;
    }
}
