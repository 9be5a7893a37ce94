using System.Globalization;
using System.Text;
using PartnerKarte.Karte;

namespace PartnerKarte.Sync;

/// <summary>
/// One of <see cref="Count"/> disjoint shares of the partner companies, by a stable hash of the company id (the same in
/// every process and on every machine). A company's karte is the sync's unit of recomputation (a rep's scores and a
/// company's KPIs depend on that company's records only), so the shares can be synced independently.
/// </summary>
/// <param name="Index">Which share, from 0 to <paramref name="Count"/> - 1.</param>
/// <param name="Count">How many shares the companies are split into.</param>
public sealed record KartePartition(int Index, int Count)
{
    /// <summary>Whether the company belongs to this share.</summary>
    /// <param name="companyId">The company's karte id.</param>
    /// <returns><see langword="true"/> when the company's share is this one.</returns>
    public bool Contains(string companyId) => Of(companyId, Count) == Index;

    /// <summary>The share of a company among <paramref name="count"/> shares (FNV-1a of the id's UTF-8 bytes).</summary>
    /// <param name="companyId">The company's karte id.</param>
    /// <param name="count">How many shares.</param>
    /// <returns>The share's index.</returns>
    public static int Of(string companyId, int count)
    {
        ArgumentNullException.ThrowIfNull(companyId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(companyId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % (uint)count);
    }

    /// <summary>The share's suffix of a sync-state key, such as <c>#part-2-of-8</c>.</summary>
    public string StateKeySuffix => string.Create(CultureInfo.InvariantCulture, $"#part-{Index}-of-{Count}");

    /// <summary>Whether the company of a rep record belongs to this share.</summary>
    /// <param name="rep">The rep.</param>
    /// <returns><see langword="true"/> when the rep's company is in this share.</returns>
    public bool Contains(PartnerRep rep)
    {
        ArgumentNullException.ThrowIfNull(rep);
        return Contains(rep.CompanyId.Value);
    }
}
