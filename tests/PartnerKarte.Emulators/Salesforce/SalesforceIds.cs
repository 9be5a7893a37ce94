namespace PartnerKarte.Emulators.Salesforce;

/// <summary>Salesforce record ids: 15 case-sensitive characters plus the 3-character case checksum.</summary>
public static class SalesforceIds
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>Builds an 18-character id from a 3-character key prefix and a sequence number.</summary>
    /// <param name="keyPrefix">The object's key prefix (001 for Account…).</param>
    /// <param name="sequence">A number unique within the org.</param>
    /// <returns>The 18-character id.</returns>
    public static string Create(string keyPrefix, long sequence)
    {
        var chars = new char[9];
        for (var i = 8; i >= 0; i--)
        {
            chars[i] = Base62[(int)(sequence % 62)];
            sequence /= 62;
        }

        return To18(keyPrefix + "5g0" + new string(chars));
    }

    /// <summary>Adds the case checksum to a 15-character id (an 18-character id is returned as it is).</summary>
    /// <param name="id">A 15- or 18-character id.</param>
    /// <returns>The 18-character id.</returns>
    public static string To18(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length == 18)
        {
            return id;
        }

        var suffix = new char[3];
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var mask = 0;
            for (var i = 0; i < 5; i++)
            {
                var c = id[(chunk * 5) + i];
                if (c is >= 'A' and <= 'Z')
                {
                    mask |= 1 << i;
                }
            }

            suffix[chunk] = SuffixAlphabet[mask];
        }

        return id + new string(suffix);
    }

    /// <summary>Whether the text has the shape of a 15- or 18-character id.</summary>
    /// <param name="text">The candidate.</param>
    /// <returns><see langword="true"/> when it looks like an id.</returns>
    public static bool IsWellFormed(string? text) =>
        text is { Length: 15 or 18 } && text.All(char.IsAsciiLetterOrDigit);

    /// <summary>Normalises a 15- or 18-character id to its 18-character form, or returns <see langword="null"/>.</summary>
    /// <param name="text">The candidate id.</param>
    /// <returns>The 18-character id, or <see langword="null"/> when malformed.</returns>
    public static string? Normalize(string? text) => IsWellFormed(text) ? To18(text![..15]) : null;
}
