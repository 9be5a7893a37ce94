using PartnerKarte.Karte;
using PartnerKarte.Text;

namespace PartnerKarte.Migration;

/// <summary>
/// Finds companies and reps that are probably the same record written differently — the dedup engine of
/// imports and migrations. Records are indexed by normalised keys (corporate number, company name core,
/// kana reading, domain; rep email, name, kana, phone), so a lookup touches only the records that share a
/// key with the probe: indexing and matching 100,000 records is linear, never pairwise over everything.
/// </summary>
/// <remarks>
/// Evidence is combined as independent signals (1 − Π(1 − wᵢ)) and then discounted by evidence against:
/// same corporate number 1.0, same name core 0.9, same kana 0.7, same domain 0.6; same email 0.95, same name
/// and company 0.9, same kana and company 0.75, mobile phone 0.8, other phone 0.3, same name at another company
/// 0.35. Different valid corporate numbers multiply the score by 0.1, different Japanese legal forms by 0.7.
/// A key shared by more than <see cref="MaxBucket"/> records (a very common name, a switchboard number) is
/// not used to find candidates, which keeps every lookup bounded.
/// Not thread-safe: build and query from one thread, or build once and only read.
/// </remarks>
public sealed class KarteMatcher
{
    /// <summary>The score from which two records are treated as the same by default (merge threshold).</summary>
    public const double DefaultMergeThreshold = 0.85;

    /// <summary>A key shared by more records than this is not used to find candidates (too common to be evidence).</summary>
    public const int MaxBucket = 256;

    private readonly List<CompanyEntry> companies = [];
    private readonly Dictionary<CompanyId, int> companyIndex = [];
    private readonly Dictionary<string, List<int>> byCorporateNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> byCompanyName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> byCompanyKana = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> byDomain = new(StringComparer.Ordinal);

    private readonly List<RepEntry> reps = [];
    private readonly Dictionary<RepId, int> repIndex = [];
    private readonly Dictionary<string, List<int>> byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> byRepName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> byRepNameInCompany = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> byRepKanaInCompany = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> byPhone = new(StringComparer.Ordinal);

    /// <summary>Number of companies indexed.</summary>
    public int CompanyCount => companyIndex.Count;

    /// <summary>Number of reps indexed.</summary>
    public int RepCount => repIndex.Count;

    /// <summary>Creates a matcher indexing every company and rep of a data set.</summary>
    /// <param name="data">The data set.</param>
    /// <returns>The matcher.</returns>
    public static KarteMatcher Create(KarteDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var matcher = new KarteMatcher();
        foreach (var company in data.Companies)
        {
            matcher.AddOrUpdate(company);
        }

        foreach (var rep in data.Reps)
        {
            matcher.AddOrUpdate(rep);
        }

        return matcher;
    }

    /// <summary>Indexes a company, replacing what was indexed under the same id.</summary>
    /// <param name="company">The company.</param>
    public void AddOrUpdate(PartnerCompany company)
    {
        ArgumentNullException.ThrowIfNull(company);
        AddOrUpdate(company.Id, CompanyKeys.Of(company));
    }

    /// <summary>Indexes a company by keys already computed with <see cref="CompanyKeys.Of"/> (imports compute them once per row).</summary>
    internal void AddOrUpdate(CompanyId id, CompanyKeys keys)
    {
        if (companyIndex.TryGetValue(id, out var existing))
        {
            Unindex(companies[existing].Keys, existing);
            companies[existing] = new CompanyEntry(id, keys);
            Index(keys, existing);
            return;
        }

        var slot = companies.Count;
        companies.Add(new CompanyEntry(id, keys));
        companyIndex[id] = slot;
        Index(keys, slot);
    }

    /// <summary>Indexes a rep, replacing what was indexed under the same id.</summary>
    /// <param name="rep">The rep.</param>
    public void AddOrUpdate(PartnerRep rep)
    {
        ArgumentNullException.ThrowIfNull(rep);
        AddOrUpdate(rep.Id, RepKeys.Of(rep));
    }

    /// <summary>Indexes a rep by keys already computed with <see cref="RepKeys.Of"/>.</summary>
    internal void AddOrUpdate(RepId id, RepKeys keys)
    {
        if (repIndex.TryGetValue(id, out var existing))
        {
            Unindex(reps[existing].Keys, existing);
            reps[existing] = new RepEntry(id, keys);
            Index(keys, existing);
            return;
        }

        var slot = reps.Count;
        reps.Add(new RepEntry(id, keys));
        repIndex[id] = slot;
        Index(keys, slot);
    }

    /// <summary>Finds indexed companies that may be the same as <paramref name="probe"/> (never the probe's own id).</summary>
    /// <param name="probe">The company to look for; it need not be indexed.</param>
    /// <param name="minimumScore">The lowest score returned.</param>
    /// <returns>Candidates, best first.</returns>
    public IReadOnlyList<MatchCandidate<CompanyId>> FindCompanies(PartnerCompany probe, double minimumScore = 0.5)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return FindCompanies(CompanyKeys.Of(probe), probe.Id, minimumScore);
    }

    /// <summary>As <see cref="FindCompanies(PartnerCompany, double)"/>, with the probe's keys already computed.</summary>
    internal List<MatchCandidate<CompanyId>> FindCompanies(CompanyKeys keys, CompanyId probeId, double minimumScore)
    {
        var slots = Scratch();
        Collect(byCorporateNumber, keys.CorporateNumber, slots);
        Collect(byCompanyName, keys.Name, slots);
        Collect(byCompanyKana, keys.Kana, slots);
        Collect(byDomain, keys.Domain, slots);

        var result = new List<MatchCandidate<CompanyId>>();
        foreach (var slot in slots)
        {
            var entry = companies[slot];
            if (!entry.Id.Equals(probeId))
            {
                AddIfAbove(result, entry.Id, Score(keys, entry.Keys), minimumScore);
            }
        }

        return SortBestFirst(result);
    }

    /// <summary>Finds indexed reps that may be the same person as <paramref name="probe"/> (never the probe's own id).</summary>
    /// <param name="probe">The rep to look for; it need not be indexed. Its <see cref="PartnerRep.CompanyId"/>
    /// should already point at the surviving company when companies were merged.</param>
    /// <param name="minimumScore">The lowest score returned.</param>
    /// <returns>Candidates, best first.</returns>
    public IReadOnlyList<MatchCandidate<RepId>> FindReps(PartnerRep probe, double minimumScore = 0.5)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return FindReps(RepKeys.Of(probe), probe.Id, minimumScore);
    }

    /// <summary>As <see cref="FindReps(PartnerRep, double)"/>, with the probe's keys already computed.</summary>
    internal List<MatchCandidate<RepId>> FindReps(RepKeys keys, RepId probeId, double minimumScore)
    {
        var slots = Scratch();
        CollectRep(keys, slots);

        var result = new List<MatchCandidate<RepId>>();
        foreach (var slot in slots)
        {
            var entry = reps[slot];
            if (!entry.Id.Equals(probeId))
            {
                AddIfAbove(result, entry.Id, Score(keys, entry.Keys), minimumScore);
            }
        }

        return SortBestFirst(result);
    }

    // One set of candidate slots per thread, reused by every lookup (a lookup may collect hundreds of slots);
    // per thread, so concurrent readers of a built matcher stay safe.
    [ThreadStatic]
    private static HashSet<int>? scratch;

    private static HashSet<int> Scratch()
    {
        // Clear() wipes the whole capacity, so a set that grew for a large lookup is dropped rather than reused.
        var slots = scratch;
        if (slots is null || slots.Count > 64)
        {
            return scratch = [];
        }

        slots.Clear();
        return slots;
    }

    /// <summary>Adds a scored candidate (its reasons made into a list only now: most scored slots fall below the minimum).</summary>
    private static void AddIfAbove<TId>(List<MatchCandidate<TId>> result, TId id, (double Score, ReasonList Reasons) scored, double minimumScore)
        where TId : struct
    {
        if (scored.Score >= minimumScore && scored.Reasons.Count > 0)
        {
            result.Add(new MatchCandidate<TId>(id, scored.Score, scored.Reasons.ToList()));
        }
    }

    private static List<MatchCandidate<TId>> SortBestFirst<TId>(List<MatchCandidate<TId>> result)
        where TId : struct
    {
        result.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        return result;
    }

    /// <summary>Every pair of indexed companies scoring at least <paramref name="minimumScore"/>, in index order.</summary>
    /// <param name="minimumScore">The lowest score returned.</param>
    /// <returns>The pairs.</returns>
    public IReadOnlyList<DuplicateCandidate<CompanyId>> FindCompanyDuplicates(double minimumScore = DefaultMergeThreshold)
    {
        var result = new List<DuplicateCandidate<CompanyId>>();
        var slots = new HashSet<int>();
        for (var i = 0; i < companies.Count; i++)
        {
            var keys = companies[i].Keys;
            slots.Clear();
            Collect(byCorporateNumber, keys.CorporateNumber, slots);
            Collect(byCompanyName, keys.Name, slots);
            Collect(byCompanyKana, keys.Kana, slots);
            Collect(byDomain, keys.Domain, slots);
            foreach (var j in slots.Where(j => j > i).Order())
            {
                var (score, reasons) = Score(keys, companies[j].Keys);
                if (score >= minimumScore && reasons.Count > 0)
                {
                    result.Add(new DuplicateCandidate<CompanyId>(companies[i].Id, companies[j].Id, score, reasons.ToList()));
                }
            }
        }

        return result;
    }

    /// <summary>Every pair of indexed reps scoring at least <paramref name="minimumScore"/>, in index order.</summary>
    /// <param name="minimumScore">The lowest score returned.</param>
    /// <returns>The pairs.</returns>
    public IReadOnlyList<DuplicateCandidate<RepId>> FindRepDuplicates(double minimumScore = DefaultMergeThreshold)
    {
        var result = new List<DuplicateCandidate<RepId>>();
        var slots = new HashSet<int>();
        for (var i = 0; i < reps.Count; i++)
        {
            var keys = reps[i].Keys;
            slots.Clear();
            CollectRep(keys, slots);
            foreach (var j in slots.Where(j => j > i).Order())
            {
                var (score, reasons) = Score(keys, reps[j].Keys);
                if (score >= minimumScore && reasons.Count > 0)
                {
                    result.Add(new DuplicateCandidate<RepId>(reps[i].Id, reps[j].Id, score, reasons.ToList()));
                }
            }
        }

        return result;
    }

    private static (double Score, ReasonList Reasons) Score(in CompanyKeys a, in CompanyKeys b)
    {
        var reasons = default(ReasonList);
        var miss = 1.0;
        if (Same(a.CorporateNumber, b.CorporateNumber))
        {
            reasons = reasons.Add(MatchReason.SameCorporateNumber);
            miss = 0;
        }

        if (Same(a.Name, b.Name))
        {
            reasons = reasons.Add(MatchReason.SameName);
            miss *= 1 - 0.9;
        }

        if (Same(a.Kana, b.Kana))
        {
            reasons = reasons.Add(MatchReason.SameNameKana);
            miss *= 1 - 0.7;
        }

        if (Same(a.Domain, b.Domain))
        {
            reasons = reasons.Add(MatchReason.SameDomain);
            miss *= 1 - 0.6;
        }

        if (reasons.Count == 0)
        {
            return (0, reasons);
        }

        var score = 1 - miss;
        if (a.CorporateNumber is not null && b.CorporateNumber is not null && a.CorporateNumber != b.CorporateNumber)
        {
            reasons = reasons.Add(MatchReason.DifferentCorporateNumber);
            score *= 0.1;
        }

        if (!CompatibleForms(a.Form, b.Form))
        {
            reasons = reasons.Add(MatchReason.DifferentLegalForm);
            score *= 0.7;
        }

        return (score, reasons);
    }

    private static (double Score, ReasonList Reasons) Score(in RepKeys a, in RepKeys b)
    {
        var reasons = default(ReasonList);
        var miss = 1.0;
        if (Same(a.Email, b.Email))
        {
            reasons = reasons.Add(MatchReason.SameEmail);
            miss *= 1 - 0.95;
        }

        var sameCompany = !string.IsNullOrEmpty(a.CompanyId.Value) && a.CompanyId == b.CompanyId;
        if (Same(a.Name, b.Name))
        {
            reasons = reasons.Add(sameCompany ? MatchReason.SameNameSameCompany : MatchReason.SameNameOtherCompany);
            miss *= sameCompany ? 1 - 0.9 : 1 - 0.35;
        }

        if (sameCompany && Same(a.Kana, b.Kana))
        {
            reasons = reasons.Add(MatchReason.SameNameKanaSameCompany);
            miss *= 1 - 0.75;
        }

        if (Same(a.Phone, b.Phone))
        {
            reasons = reasons.Add(MatchReason.SamePhone);
            miss *= a.PersonalPhone ? 1 - 0.8 : 1 - 0.3;
        }

        if (reasons.Count == 0)
        {
            return (0, reasons);
        }

        // Two people with one name at one company are common (山田 is): a different email address or personal phone,
        // with no strong identifier in common, keeps the pair below the merge threshold, as a candidate for review.
        var score = 1 - miss;
        var agree = Same(a.Email, b.Email) || (a.PersonalPhone && b.PersonalPhone && Same(a.Phone, b.Phone));
        if (!agree)
        {
            var emailDiffers = a.Email is { Length: > 0 } && b.Email is { Length: > 0 } && a.Email != b.Email;
            var phoneDiffers = a.PersonalPhone && b.PersonalPhone && a.Phone != b.Phone;
            if (emailDiffers)
            {
                reasons = reasons.Add(MatchReason.DifferentEmail);
            }

            if (phoneDiffers)
            {
                reasons = reasons.Add(MatchReason.DifferentPhone);
            }

            if (emailDiffers || phoneDiffers)
            {
                score *= 0.7;
            }
        }

        return (score, reasons);
    }

    private static bool Same(string? a, string? b) => a is { Length: > 0 } && a == b;

    private static bool CompatibleForms(CompanyLegalForm a, CompanyLegalForm b) =>
        a == b || a is CompanyLegalForm.None or CompanyLegalForm.Company || b is CompanyLegalForm.None or CompanyLegalForm.Company ||
        (a, b) is (CompanyLegalForm.GodoKaisha, CompanyLegalForm.LimitedLiabilityCompany) or (CompanyLegalForm.LimitedLiabilityCompany, CompanyLegalForm.GodoKaisha);

    private void CollectRep(RepKeys keys, HashSet<int> slots)
    {
        Collect(byEmail, keys.Email, slots);
        Collect(byRepNameInCompany, keys.NameInCompany, slots);
        Collect(byRepKanaInCompany, keys.KanaInCompany, slots);
        Collect(byRepName, keys.Name, slots);
        Collect(byPhone, keys.Phone, slots);
    }

    private static void Collect(Dictionary<string, List<int>> index, string? key, HashSet<int> slots)
    {
        // A key shared by very many records (a common name, a switchboard number) cannot single anyone out;
        // skipping it keeps every lookup bounded, so matching stays linear in the number of records.
        if (key is { Length: > 0 } && index.TryGetValue(key, out var list) && list.Count <= MaxBucket)
        {
            foreach (var slot in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list))
            {
                slots.Add(slot);
            }
        }
    }

    private static void Add(Dictionary<string, List<int>> index, string? key, int slot)
    {
        if (key is not { Length: > 0 })
        {
            return;
        }

        if (!index.TryGetValue(key, out var list))
        {
            list = new List<int>(1);
            index[key] = list;
        }

        list.Add(slot);
    }

    private static void Remove(Dictionary<string, List<int>> index, string? key, int slot)
    {
        if (key is { Length: > 0 } && index.TryGetValue(key, out var list))
        {
            list.Remove(slot);
            if (list.Count == 0)
            {
                index.Remove(key);
            }
        }
    }

    private void Index(CompanyKeys keys, int slot)
    {
        Add(byCorporateNumber, keys.CorporateNumber, slot);
        Add(byCompanyName, keys.Name, slot);
        Add(byCompanyKana, keys.Kana, slot);
        Add(byDomain, keys.Domain, slot);
    }

    private void Unindex(CompanyKeys keys, int slot)
    {
        Remove(byCorporateNumber, keys.CorporateNumber, slot);
        Remove(byCompanyName, keys.Name, slot);
        Remove(byCompanyKana, keys.Kana, slot);
        Remove(byDomain, keys.Domain, slot);
    }

    private void Index(RepKeys keys, int slot)
    {
        Add(byEmail, keys.Email, slot);
        Add(byRepName, keys.Name, slot);
        Add(byRepNameInCompany, keys.NameInCompany, slot);
        Add(byRepKanaInCompany, keys.KanaInCompany, slot);
        Add(byPhone, keys.Phone, slot);
    }

    private void Unindex(RepKeys keys, int slot)
    {
        Remove(byEmail, keys.Email, slot);
        Remove(byRepName, keys.Name, slot);
        Remove(byRepNameInCompany, keys.NameInCompany, slot);
        Remove(byRepKanaInCompany, keys.KanaInCompany, slot);
        Remove(byPhone, keys.Phone, slot);
    }

    private readonly record struct CompanyEntry(CompanyId Id, CompanyKeys Keys);

    private readonly record struct RepEntry(RepId Id, RepKeys Keys);

    /// <summary>Up to 15 reasons in the order found, packed in a number, so scoring a slot allocates nothing.</summary>
    private readonly record struct ReasonList(ulong Packed, int Count)
    {
        public ReasonList Add(MatchReason reason) => new(Packed | ((ulong)reason + 1) << (4 * Count), Count + 1);

        public List<MatchReason> ToList()
        {
            var list = new List<MatchReason>(Count);
            for (var i = 0; i < Count; i++)
            {
                list.Add((MatchReason)(((Packed >> (4 * i)) & 0xF) - 1));
            }

            return list;
        }
    }

    internal readonly record struct CompanyKeys(string? CorporateNumber, string Name, string? Kana, string? Domain, CompanyLegalForm Form)
    {
        public static CompanyKeys Of(PartnerCompany company)
        {
            var name = CompanyName.Parse(company.Name ?? string.Empty);
            var kana = company.NameKana is { } k ? CompanyName.Parse(k).Key : null;
            if (string.IsNullOrEmpty(kana) && IsAllKatakana(name.Key))
            {
                kana = name.Key; // a name written in kana is its own reading
            }

            var corporateNumber = Validation.CorporateNumber.Normalize(company.CorporateNumber);
            if (corporateNumber is not null && !Validation.CorporateNumber.IsValid(corporateNumber))
            {
                corporateNumber = null;
            }

            return new CompanyKeys(corporateNumber, name.Key, kana, NormalizeDomain(company.Profile?.Domain), name.LegalForm);
        }
    }

    internal readonly record struct RepKeys(string? Email, string Name, string? Kana, string? Phone, bool PersonalPhone, CompanyId CompanyId)
    {
        // Built once per key set: the index and every lookup use them.
        public string? NameInCompany { get; } = Name.Length > 0 && !string.IsNullOrEmpty(CompanyId.Value) ? CompanyId.Value + "\u001F" + Name : null;

        public string? KanaInCompany { get; } = Kana is { Length: > 0 } && !string.IsNullOrEmpty(CompanyId.Value) ? CompanyId.Value + "\u001F" + Kana : null;

        public static RepKeys Of(PartnerRep rep)
        {
            var email = EmailAddress.TryParse(rep.Email, out var e) ? e.MatchKey : null;
            var name = JapaneseText.ToMatchKey((rep.Name?.FamilyName ?? string.Empty) + (rep.Name?.GivenName ?? string.Empty));
            var kana = rep.Name?.Kana is { } k ? JapaneseText.ToMatchKey(k) : null;
            var phone = JapanesePhoneNumber.TryParse(rep.Phone, out var p) ? p : null;
            // With its extension: two reps behind one switchboard number are not the same person, and a number with an
            // extension reaches one person, like a mobile.
            return new RepKeys(email, name, kana, phone?.ToString(), phone is { Kind: PhoneNumberKind.Mobile } or { Extension: not null }, rep.CompanyId);
        }
    }

    private static bool IsAllKatakana(string key) =>
        key.Length > 0 && !key.AsSpan().ContainsAnyExceptInRange('\u30A1', '\u30FA');

    /// <summary>A web or mail domain as a key: scheme, www., port, path and free mail domains removed.</summary>
    internal static string? NormalizeDomain(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return null;
        }

        var d = JapaneseText.Normalize(domain).ToLowerInvariant();
        var scheme = d.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            d = d[(scheme + 3)..];
        }

        var at = d.LastIndexOf('@');
        if (at >= 0)
        {
            d = d[(at + 1)..];
        }

        var end = d.IndexOfAny(['/', ':', '?', '#']);
        if (end >= 0)
        {
            d = d[..end];
        }

        if (d.StartsWith("www.", StringComparison.Ordinal))
        {
            d = d[4..];
        }

        d = d.Trim('.', ' ');
        if (d.Length == 0 || !d.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        return EmailAddress.TryParse("x@" + d, out var email) && !email.IsFreeMail ? email.Domain : null;
    }
}
