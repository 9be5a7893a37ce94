using PartnerKarte.Karte;

namespace PartnerKarte.Targeting;

/// <summary>
/// Whom we want to be introduced to and from whom: a rep, a whole company or one department of it, reached from
/// our team (all active users, or the given ones). Create one with <see cref="ToRep"/>, <see cref="ToCompany"/>
/// or <see cref="ToDepartment"/>.
/// </summary>
public sealed record ReferralQuery
{
    /// <summary>The default hop limit: longer introduction chains are useless in practice.</summary>
    public const int DefaultMaxHops = 4;

    /// <summary>The largest hop limit supported.</summary>
    public const int MaxSupportedHops = 6;

    /// <summary>The target rep, for a rep query.</summary>
    public RepId? TargetRep { get; init; }

    /// <summary>The target company, for a company or department query.</summary>
    public CompanyId? TargetCompany { get; init; }

    /// <summary>The target department within <see cref="TargetCompany"/> (compared after NFKC folding).</summary>
    public string? TargetDepartment { get; init; }

    /// <summary>The users to start from; null or empty means every active user in the graph.</summary>
    public IReadOnlyList<UserId>? From { get; init; }

    /// <summary>How many paths to return (best first).</summary>
    public int K { get; init; } = 5;

    /// <summary>The largest number of hops in a path, 1..<see cref="MaxSupportedHops"/>.</summary>
    public int MaxHops { get; init; } = DefaultMaxHops;

    /// <summary>Paths to one rep.</summary>
    /// <param name="rep">The rep.</param>
    /// <returns>The query.</returns>
    public static ReferralQuery ToRep(RepId rep) => new() { TargetRep = rep };

    /// <summary>Paths to any routable rep of a company.</summary>
    /// <param name="company">The company.</param>
    /// <returns>The query.</returns>
    public static ReferralQuery ToCompany(CompanyId company) => new() { TargetCompany = company };

    /// <summary>Paths to any routable rep of one department of a company (他事業部への紹介).</summary>
    /// <param name="company">The company.</param>
    /// <param name="department">The department.</param>
    /// <returns>The query.</returns>
    public static ReferralQuery ToDepartment(CompanyId company, string department) => new() { TargetCompany = company, TargetDepartment = department };

    /// <summary>Throws when the query is malformed (a programmer error), naming the member.</summary>
    /// <exception cref="ArgumentException">The query is malformed.</exception>
    public void Validate()
    {
        if (TargetRep is null == TargetCompany is null)
        {
            throw new ArgumentException("A referral query needs exactly one of TargetRep or TargetCompany.", nameof(TargetRep));
        }

        if (TargetDepartment is not null && TargetCompany is null)
        {
            throw new ArgumentException("TargetDepartment needs TargetCompany.", nameof(TargetDepartment));
        }

        if (K < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(K), K, "K must be at least 1.");
        }

        if (MaxHops is < 1 or > MaxSupportedHops)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxHops), MaxHops, $"MaxHops must be 1..{MaxSupportedHops}.");
        }
    }
}
