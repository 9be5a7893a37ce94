using System.Security.Cryptography;
using System.Text;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

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

    /// <summary>
    /// The records without erased reps: their records and interactions are dropped, their mentions in other interactions
    /// and their link on proposals (which belong to the company) removed. Used by every path that brings kartes into the
    /// store or the CRM (the nightly sync, migrations), so an erased person never comes back.
    /// </summary>
    /// <param name="karte">The records as read.</param>
    /// <param name="onErased">Called with each erased rep found among the records.</param>
    /// <returns>The records to keep (the same instance when nothing was erased).</returns>
    public KarteRecordBatch Without(KarteRecordBatch karte, Action<RepId>? onErased = null)
    {
        if (hashes.Count == 0)
        {
            return karte;
        }

        var erased = karte.Reps.Select(r => r.Id).Concat(karte.Interactions.SelectMany(i => i.OtherParticipants.Append(i.RepId)))
            .Concat(karte.Proposals.Where(p => p.RepId is not null).Select(p => p.RepId!.Value))
            .Distinct().Where(r => Contains(r.Value)).ToHashSet();
        if (erased.Count == 0)
        {
            return karte;
        }

        foreach (var id in erased)
        {
            onErased?.Invoke(id);
        }

        return karte with
        {
            Reps = [.. karte.Reps.Where(r => !erased.Contains(r.Id))],
            Interactions = [.. karte.Interactions.Where(i => !erased.Contains(i.RepId))
                .Select(i => i.OtherParticipants.Any(erased.Contains) ? i with { OtherParticipants = [.. i.OtherParticipants.Where(p => !erased.Contains(p))] } : i)],
            Proposals = [.. karte.Proposals.Select(p => p.RepId is { } r && erased.Contains(r) ? p with { RepId = null } : p)],
        };
    }
}
