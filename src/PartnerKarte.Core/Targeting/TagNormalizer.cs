using System.Text;

namespace PartnerKarte.Targeting;

/// <summary>Folds tags so that ＳａａＳ, saas and "SaaS " match: NFKC, trimmed, lower-case invariant.</summary>
internal static class TagNormalizer
{
    public static string Normalize(string tag) => tag.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();

    public static HashSet<string> ToSet(IEnumerable<string> tags)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tags)
        {
            if (!string.IsNullOrWhiteSpace(t))
            {
                set.Add(Normalize(t));
            }
        }

        return set;
    }
}
