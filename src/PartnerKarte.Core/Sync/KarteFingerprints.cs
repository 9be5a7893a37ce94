using System.Security.Cryptography;
using System.Text.Json;
using PartnerKarte.Karte;

namespace PartnerKarte.Sync;

/// <summary>
/// Fingerprints of the company and rep records the sync last read from a connector whose change feed echoes its own
/// writes (<see cref="ConnectorCapabilities.ChangeFeedEchoesWrites"/>). Kept in the state store (scope <see cref="Scope"/>,
/// keys as the mirror's: <c>c:</c> + company id, <c>r:</c> + rep id) and saved only after the record's mirror entry, so a
/// matching fingerprint always means the mirror already holds that record.
/// </summary>
internal static class KarteFingerprints
{
    /// <summary>The state store scope.</summary>
    public const string Scope = "karte-source";

    // The modification stamp is left out: it is what moves when the sync's own write comes back.
    public static byte[] Of(PartnerCompany company) => Hash(JsonSerializer.SerializeToUtf8Bytes(company with { ModifiedAt = null }, KarteMirror.Json));

    public static byte[] Of(PartnerRep rep) => Hash(JsonSerializer.SerializeToUtf8Bytes(rep with { ModifiedAt = null }, KarteMirror.Json));

    /// <summary>The fingerprint entries of the companies and reps of a karte read.</summary>
    public static Dictionary<string, byte[]> Entries(IEnumerable<PartnerCompany> companies, IEnumerable<PartnerRep> reps)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var c in companies)
        {
            entries[KarteMirror.CompanyKey(c.Id.Value)] = Of(c);
        }

        foreach (var r in reps)
        {
            entries[KarteMirror.OrphanKey(r.Id.Value)] = Of(r);
        }

        return entries;
    }

    private static byte[] Hash(byte[] json) => SHA256.HashData(json)[..16];
}
