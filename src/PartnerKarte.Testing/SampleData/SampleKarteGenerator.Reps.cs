using System.Globalization;
using PartnerKarte.Karte;

namespace PartnerKarte.SampleData;

public sealed partial class SampleKarteGenerator
{
    private static readonly string[] MbtiCodes =
        ["ISTJ", "ISFJ", "INFJ", "INTJ", "ISTP", "ISFP", "INFP", "INTP", "ESTP", "ESFP", "ENFP", "ENTP", "ESTJ", "ESFJ", "ENFJ", "ENTJ"];

    // Archetypes: (share, latency median h, initiative, reliability, positivity, inquiry rate, quality, activity).
    private static readonly (double Share, double Latency, double Initiative, double Reliability, double Positivity, double Inquiry, double Quality, double Activity)[] Archetypes =
    [
        (0.25, 2.0, 0.50, 0.90, 0.60, 0.45, 0.80, 1.6), // star: fast, proactive, keeps promises
        (0.35, 8.0, 0.30, 0.75, 0.45, 0.30, 0.55, 1.0), // steady
        (0.25, 36.0, 0.15, 0.60, 0.30, 0.15, 0.40, 0.7), // cautious (慎重派), slow
        (0.15, 96.0, 0.08, 0.40, 0.20, 0.08, 0.20, 0.4), // disengaged
    ];

    private const int NameCombinations = 40 * 32;

    private void InitReps()
    {
        var archetypeCumulative = Cumulative(Archetypes.Select(a => a.Share).ToArray());
        double activityTotal = 0, proposalTotal = 0;
        for (var r = 0; r < _options.RepCount; r++)
        {
            var rng = new SampleRandom(_seed, SampleStream.RepCore, r);
            var a = rng.PickCumulative(archetypeCumulative);
            var arch = Archetypes[a];
            ref var t = ref _reps[r];
            // The first reps cover every company once, so no partner is left without a contact.
            t.Company = r < _options.CompanyCount ? r : rng.PickCumulative(_companyCumulative);
            t.Owner = rng.Chance(0.8) ? _companyOwner[t.Company] : rng.Next(_options.TeamMemberCount);
            t.Archetype = (byte)a;
            t.LatencyMedianHours = arch.Latency * rng.LogNormal(1.0, 0.3);
            t.Initiative = Math.Clamp(arch.Initiative + ((rng.NextDouble() - 0.5) * 0.1), 0.02, 0.9);
            t.Reliability = Math.Clamp(arch.Reliability + ((rng.NextDouble() - 0.5) * 0.15), 0.05, 0.98);
            t.Positivity = Math.Clamp(arch.Positivity + ((rng.NextDouble() - 0.5) * 0.15), 0.05, 0.9);
            t.InquiryRate = arch.Inquiry;
            t.Quality = Math.Clamp(arch.Quality + ((rng.NextDouble() - 0.5) * 0.2), 0.0, 1.0);
            t.Cooling = a < 3 && rng.Chance(0.12);
            t.PreferredChannel = (byte)rng.Next(7);
            t.ExpertiseMask = (uint)RandomMask(SampleVocabulary.ExpertiseTags.Length, 1 + rng.Next(3), ref rng);
            t.InterestMask = (ushort)RandomMask(SampleVocabulary.InterestTags.Length, 1 + rng.Next(3), ref rng);

            // Most reps were in post before the history starts; some joined during it (new hires, successors).
            t.FromDay = rng.Chance(0.88) ? _historyStartDay - rng.Next(30, 3000) : _historyStartDay + rng.Next(Math.Max(1, _asOfDay - _historyStartDay - 60));
            t.PreviousCompany = t.Company;
            t.Career = (r % 50) switch
            {
                7 when _options.CompanyCount > 1 => RepCareer.JoinedFromOtherPartner,
                19 => RepCareer.TransferredInternally,
                33 => RepCareer.Left,
                _ => r % 97 == 5 ? RepCareer.OnLeave : RepCareer.Stable,
            };
            t.LastActiveDay = _asOfDay - 1;
            switch (t.Career)
            {
                case RepCareer.JoinedFromOtherPartner:
                    t.EventDay = _asOfDay - rng.Next(90, 361);
                    t.PreviousCompany = (t.Company + 1 + rng.Next(_options.CompanyCount - 1)) % _options.CompanyCount;
                    break;
                case RepCareer.TransferredInternally:
                    t.EventDay = _asOfDay - rng.Next(30, 181);
                    t.LastActiveDay = t.EventDay - 1;
                    break;
                case RepCareer.Left:
                    t.EventDay = _asOfDay - rng.Next(30, 241);
                    t.LastActiveDay = t.EventDay;
                    break;
                case RepCareer.OnLeave:
                    t.EventDay = _asOfDay - rng.Next(30, 121);
                    t.LastActiveDay = t.EventDay - 1;
                    break;
                default:
                    t.EventDay = 0;
                    break;
            }

            if (t.Career != RepCareer.Stable)
            {
                t.FromDay = Math.Min(t.FromDay, t.EventDay - 200);
            }

            var activity = arch.Activity * rng.LogNormal(1.0, 0.6);
            activityTotal += activity;
            proposalTotal += activity * (0.4 + t.Initiative);
            _repActivityCumulative[r] = activityTotal;
            _repProposalCumulative[r] = proposalTotal;
        }
    }

    private static int RandomMask(int bits, int count, ref SampleRandom rng)
    {
        var mask = 0;
        count = Math.Min(count, bits);
        while (System.Numerics.BitOperations.PopCount((uint)mask) < count)
        {
            mask |= 1 << rng.Next(bits);
        }

        return mask;
    }

    private static string[] FromMask(uint mask, string[] vocabulary)
    {
        var result = new string[System.Numerics.BitOperations.PopCount(mask)];
        var n = 0;
        for (var i = 0; i < vocabulary.Length; i++)
        {
            if ((mask & (1u << i)) != 0)
            {
                result[n++] = vocabulary[i];
            }
        }

        return result;
    }

    /// <summary>The company a rep belonged to on a day (the previous partner before a move between partners).</summary>
    private int CompanyOn(int rep, int day)
    {
        ref readonly var t = ref _reps[rep];
        return t.Career == RepCareer.JoinedFromOtherPartner && day < t.EventDay ? t.PreviousCompany : t.Company;
    }

    /// <summary>Creates the partner rep at a zero-based index.</summary>
    /// <param name="index">Zero-based index below <see cref="SampleKarteOptions.RepCount"/>.</param>
    /// <returns>The rep.</returns>
    public PartnerRep CreateRep(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _options.RepCount);
        ref readonly var t = ref _reps[index];
        var rng = new SampleRandom(_seed, SampleStream.RepDetail, index);

        // A bijection from the index to (family, given) pairs keeps names and emails unique; a number follows past 1,280.
        var nameIndex = (int)(((long)index * 557 + (uint)_seed % NameCombinations) % NameCombinations);
        var cycle = index / NameCombinations;
        var family = SampleVocabulary.FamilyNames[nameIndex / 32];
        var given = SampleVocabulary.GivenNames[nameIndex % 32];
        var local = cycle == 0 ? $"{given.Romaji}.{family.Romaji}" : string.Create(CultureInfo.InvariantCulture, $"{given.Romaji}.{family.Romaji}{cycle + 1}");

        var title = rng.Pick(SampleVocabulary.Titles);
        var salesDepartment = rng.Pick(SampleVocabulary.Departments);
        var from = DateOnly.FromDayNumber(t.FromDay);
        var company = CompanyIdAt(t.Company);
        EmploymentEpisode[] employment;
        var department = salesDepartment;
        var status = RepStatus.Active;
        switch (t.Career)
        {
            case RepCareer.JoinedFromOtherPartner:
                employment =
                [
                    new EmploymentEpisode(CompanyIdAt(t.PreviousCompany), rng.Pick(SampleVocabulary.Titles), rng.Pick(SampleVocabulary.Departments), from, DateOnly.FromDayNumber(t.EventDay - 1)),
                    new EmploymentEpisode(company, title, salesDepartment, DateOnly.FromDayNumber(t.EventDay)),
                ];
                break;
            case RepCareer.TransferredInternally:
                department = rng.Pick(SampleVocabulary.NonSalesDepartments);
                status = RepStatus.Transferred;
                employment =
                [
                    new EmploymentEpisode(company, title, salesDepartment, from, DateOnly.FromDayNumber(t.EventDay - 1)),
                    new EmploymentEpisode(company, title, department, DateOnly.FromDayNumber(t.EventDay)),
                ];
                break;
            case RepCareer.Left:
                status = RepStatus.Left;
                employment = [new EmploymentEpisode(company, title, salesDepartment, from, DateOnly.FromDayNumber(t.EventDay))];
                break;
            default:
                status = t.Career == RepCareer.OnLeave ? RepStatus.OnLeave : RepStatus.Active;
                employment = [new EmploymentEpisode(company, title, salesDepartment, from)];
                break;
        }

        var prefecture = SampleVocabulary.Prefectures[_companyPrefecture[t.Company]];
        var phone = rng.Chance(0.65)
            ? string.Create(CultureInfo.InvariantCulture, $"0{9 - rng.Next(3)}0-{rng.Next(1000, 10000)}-{rng.Next(10000):D4}")
            : prefecture.AreaCode.Length == 2
                ? string.Create(CultureInfo.InvariantCulture, $"{prefecture.AreaCode}-{rng.Next(1000, 10000)}-{rng.Next(10000):D4}")
                : string.Create(CultureInfo.InvariantCulture, $"{prefecture.AreaCode}-{rng.Next(100, 1000)}-{rng.Next(10000):D4}");

        DiscStyle? disc = rng.Chance(0.7) ? (DiscStyle)(1 + rng.Next(4)) : null;
        MbtiType? mbti = rng.Chance(0.4) ? MbtiType.Parse(rng.Pick(MbtiCodes)) : null;
        var personality = disc is null && mbti is null ? Personality.None : new Personality(disc, mbti, rng.Chance(0.3) ? rng.Pick(SampleVocabulary.RepNotes) : null);

        var lastChange = Math.Max(t.EventDay, _asOfDay - rng.Next(1, 300));
        return new PartnerRep
        {
            Id = RepIdAt(index),
            CompanyId = company,
            Name = new PersonName(family.Text, given.Text, family.Kana, given.Kana),
            Title = title,
            Department = department,
            Email = local + "@" + _companyDomain[t.Company],
            Phone = phone,
            ExpertiseTags = FromMask(t.ExpertiseMask, SampleVocabulary.ExpertiseTags),
            InterestTags = FromMask(t.InterestMask, SampleVocabulary.InterestTags),
            Personality = personality,
            Status = status,
            Employment = employment,
            OwnerId = UserIdAt(t.Owner),
            OptedOut = index % 61 == 11,
            ModifiedAt = Cap(AtJst(Math.Min(lastChange, _asOfDay - 1), 9 + rng.Next(9))),
        };
    }
}
