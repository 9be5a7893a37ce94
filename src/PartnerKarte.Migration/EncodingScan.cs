using System.Text;

namespace PartnerKarte.Migration;

/// <summary>
/// Classifies a CSV's lines as its bytes stream past, without holding the file: a line is UTF-8 with Japanese text
/// (two or more non-ASCII characters) or not UTF-8 at all. A file with both kinds mixes encodings.
/// </summary>
internal sealed class EncodingScan
{
    private readonly Decoder decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
    private char[] chars = new char[4096];
    private int line = 1;
    private bool lineInvalid;
    private bool lineNonAscii;
    private int lineNonAsciiChars;

    /// <summary>The first line that is UTF-8 with Japanese text, or 0.</summary>
    public int Utf8Line { get; private set; }

    /// <summary>The first line that is not UTF-8, or 0.</summary>
    public int OtherLine { get; private set; }

    /// <summary>Whether both kinds of line have been seen.</summary>
    public bool Mixed => Utf8Line > 0 && OtherLine > 0;

    /// <summary>Takes the next bytes; lines may be split anywhere across calls.</summary>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var nl = bytes.IndexOf((byte)'\n');
            Take(nl < 0 ? bytes : bytes[..nl], flush: nl >= 0);
            if (nl < 0)
            {
                return;
            }

            EndLine();
            bytes = bytes[(nl + 1)..];
        }
    }

    /// <summary>Ends the last line (a file need not end with a line break; a cut character there counts as not UTF-8).</summary>
    public void Complete()
    {
        Take(default, flush: true);
        EndLine();
    }

    private void Take(ReadOnlySpan<byte> part, bool flush)
    {
        if (lineInvalid)
        {
            return;
        }

        lineNonAscii |= part.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) >= 0;
        if (!lineNonAscii)
        {
            return; // ASCII so far: nothing for the decoder to carry
        }

        if (chars.Length < part.Length + 4)
        {
            chars = new char[part.Length + 4];
        }

        try
        {
            var n = decoder.GetChars(part, chars, flush);
            foreach (var c in chars.AsSpan(0, n))
            {
                lineNonAsciiChars += c > 0x7F ? 1 : 0;
            }
        }
        catch (DecoderFallbackException)
        {
            lineInvalid = true;
            decoder.Reset();
        }
    }

    private void EndLine()
    {
        if (lineInvalid)
        {
            OtherLine = OtherLine == 0 ? line : OtherLine;
        }
        else if (lineNonAsciiChars >= 2 && Utf8Line == 0)
        {
            Utf8Line = line;
        }

        line++;
        lineInvalid = false;
        lineNonAscii = false;
        lineNonAsciiChars = 0;
        decoder.Reset();
    }
}
