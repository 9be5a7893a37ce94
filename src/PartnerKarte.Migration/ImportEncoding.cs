namespace PartnerKarte.Migration;

/// <summary>The text encoding of a CSV file to import.</summary>
public enum ImportEncoding
{
    /// <summary>Detect: a UTF-8 byte order mark or valid UTF-8 means UTF-8, anything else Shift_JIS (CP932).</summary>
    Auto = 0,
    /// <summary>UTF-8, with or without a byte order mark.</summary>
    Utf8 = 1,
    /// <summary>Shift_JIS as Japanese Windows and Excel write it (code page 932).</summary>
    ShiftJis = 2,
}
