namespace PartnerKarte.Migration;

/// <summary>A column mapping file cannot be used. Names the file and the entry; never echoes cell values.</summary>
public sealed class ImportMappingException : PartnerKarteException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The mapping file.</param>
    /// <param name="header">The entry (header) at fault, if any.</param>
    /// <param name="reason">What is wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ImportMappingException(string source, string? header, string reason, Exception? innerException = null)
        : base($"{source}: {(header is null ? string.Empty : $"column '{header}': ")}{reason}", innerException)
    {
        MappingSource = source;
        Header = header;
    }

    /// <summary>The mapping file.</summary>
    public string MappingSource { get; }

    /// <summary>The entry (header) at fault, if any.</summary>
    public string? Header { get; }
}
