namespace PartnerKarte.Migration;

/// <summary>
/// A CSV file or sheet is structured so that rows or columns would be lost or merged (a quote that is never closed
/// swallows every later row into one cell; two columns with the same header). The file is refused as a whole;
/// nothing is imported.
/// Names the line; never echoes cell values.
/// </summary>
public sealed class CsvFormatException : PartnerKarteException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="lineNumber">The 1-based line where the broken field starts.</param>
    /// <param name="reasonJa">What is wrong, in Japanese.</param>
    /// <param name="reason">What is wrong, in English.</param>
    public CsvFormatException(int lineNumber, string reasonJa, string reason)
        : base($"{lineNumber} 行目: {reasonJa} / line {lineNumber}: {reason}")
    {
        LineNumber = lineNumber;
    }

    /// <summary>The 1-based line where the broken field starts.</summary>
    public int LineNumber { get; }
}
