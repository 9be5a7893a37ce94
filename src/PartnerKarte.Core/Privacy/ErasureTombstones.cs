using System.Security.Cryptography;
using System.Text;

namespace PartnerKarte.Privacy;

/// <summary>
/// The people whose data was erased (消去), as keyed hashes of their ids (HMAC-SHA256 with a key kept in the store): enough to
/// recognise an erased rep when a CRM returns it again, and nothing that names or describes the person.
/// </summary>
public sealed class ErasureTombstones
{
    private readonly byte[] key;
    private readonly HashSet<string> hashes;

    /// <summary>Creates the set from the store's key and the recorded hashes.</summary>
    /// <param name="key">The secret the hashes are keyed with.</param>
    /// <param name="hashes">The recorded hashes (see <see cref="Hash"/>).</param>
    public ErasureTombstones(byte[] key, IEnumerable<string> hashes)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(hashes);
        this.key = [.. key];
        this.hashes = new HashSet<string>(hashes, StringComparer.Ordinal);
    }

    /// <summary>No tombstones.</summary>
    public static ErasureTombstones Empty { get; } = new([], []);

    /// <summary>How many people were erased.</summary>
    public int Count => hashes.Count;

    /// <summary>Whether the rep with this id (a karte id such as <c>R-00001</c>, or the CRM id used as karte id) was erased.</summary>
    /// <param name="id">The id.</param>
    /// <returns><see langword="true"/> for an erased rep.</returns>
    public bool Contains(string id) => hashes.Count > 0 && id is not null && hashes.Contains(Hash(key, id));

    /// <summary>The keyed hash recorded for an id: HMAC-SHA256 of its UTF-8 bytes, lower-case hex.</summary>
    /// <param name="key">The store's secret.</param>
    /// <param name="id">The id.</param>
    /// <returns>The hash.</returns>
    public static string Hash(byte[] key, string id)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(id);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(id)));
    }
}
