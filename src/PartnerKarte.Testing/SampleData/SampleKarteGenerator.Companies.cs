using System.Globalization;
using PartnerKarte.Karte;

namespace PartnerKarte.SampleData;

public sealed partial class SampleKarteGenerator
{
    private static readonly string[] BranchQualifiers = ["東日本", "西日本", "ホールディングス", "ネットワーク", "ビジネス"];

    private void InitCompanies()
    {
        var industryCumulative = Cumulative(SampleVocabulary.IndustryWeights);
        var prefectureCumulative = Cumulative(SampleVocabulary.Prefectures.Select(p => p.Weight).ToArray());
        var used = new HashSet<string>(StringComparer.Ordinal);
        var total = 0.0;
        for (var c = 0; c < _options.CompanyCount; c++)
        {
            var rng = new SampleRandom(_seed, SampleStream.CompanyCore, c);
            var industry = rng.PickCumulative(industryCumulative);
            _companyIndustry[c] = industry;
            _companyPrefecture[c] = rng.PickCumulative(prefectureCumulative);
            _companyOwner[c] = rng.Next(_options.TeamMemberCount);
            _companyBias[c] = (rng.NextDouble() - 0.5) * 0.16;
            total += rng.LogNormal(1.0, 0.8);
            _companyCumulative[c] = total;

            // A free (prefix, ending) pair of the industry; when the vocabulary runs out, a qualifier keeps names apart.
            var endings = SampleVocabulary.Industries[industry].NameEndings;
            SampleWord prefix = default, ending = default;
            string core = string.Empty, kana = string.Empty, romaji = string.Empty;
            for (var attempt = 0; ; attempt++)
            {
                prefix = rng.Pick(SampleVocabulary.NamePrefixes);
                ending = rng.Pick(endings);
                core = prefix.Text + ending.Text;
                kana = prefix.Kana + ending.Kana;
                romaji = prefix.Romaji + "-" + ending.Romaji;
                if (attempt >= 12)
                {
                    var q = attempt - 12;
                    var qualifier = BranchQualifiers[q % BranchQualifiers.Length];
                    var number = q / BranchQualifiers.Length;
                    core += qualifier + (number > 0 ? number.ToString(CultureInfo.InvariantCulture) : string.Empty);
                    kana += qualifier; // readings of the qualifiers are katakana or omitted, good enough for a sample
                    romaji += "-" + (q % BranchQualifiers.Length).ToString(CultureInfo.InvariantCulture) + (number > 0 ? "-" + number.ToString(CultureInfo.InvariantCulture) : string.Empty);
                }

                if (used.Add(core))
                {
                    break;
                }
            }

            _companyKana[c] = kana;
            _companyDomain[c] = romaji + ".co.jp";
            _companyName[c] = WithLegalForm(core, SampleVocabulary.Industries[industry].Name, ref rng);
        }
    }

    private static string WithLegalForm(string core, string industry, ref SampleRandom rng)
    {
        if (industry == "会計事務所" && rng.Chance(0.5))
        {
            return "税理士法人" + core;
        }

        var x = rng.NextDouble();
        return x switch
        {
            < 0.50 => "株式会社" + core,
            < 0.75 => core + "株式会社",
            < 0.83 => "(株)" + core,
            < 0.88 => "㈱" + core,
            < 0.91 => "（株）" + core,
            < 0.96 => core + "合同会社",
            _ => "有限会社" + core,
        };
    }

    private static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var result = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += weights[i];
            result[i] = sum;
        }

        return result;
    }

    /// <summary>Creates the partner company at a zero-based index.</summary>
    /// <param name="index">Zero-based index below <see cref="SampleKarteOptions.CompanyCount"/>.</param>
    /// <returns>The company.</returns>
    public PartnerCompany CreateCompany(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _options.CompanyCount);
        var rng = new SampleRandom(_seed, SampleStream.CompanyDetail, index);
        var industry = SampleVocabulary.Industries[_companyIndustry[index]];
        var prefecture = SampleVocabulary.Prefectures[_companyPrefecture[index]];
        var asOfYear = DateOnly.FromDayNumber(_asOfDay).Year;

        var employees = (int)Math.Clamp(Math.Round(rng.LogNormal(120, 1.0)), 5, 20_000);
        var revenue = Math.Round((decimal)(employees * rng.LogNormal(20_000_000, 0.4)) / 1_000_000m) * 1_000_000m;
        decimal[] capitals = [10_000_000m, 30_000_000m, 50_000_000m, 100_000_000m, 300_000_000m, 1_000_000_000m];
        var capital = capitals[Math.Min(capitals.Length - 1, (int)Math.Log10(employees) + rng.Next(3))];
        var fiscal = rng.NextDouble() switch
        {
            < 0.45 => 3,
            < 0.60 => 12,
            < 0.70 => 9,
            < 0.78 => 6,
            _ => rng.Next(1, 13),
        };
        var segments = PickDistinct(industry.Segments, 2, ref rng);
        var focus = PickDistinct(SampleVocabulary.InterestTags, 1 + rng.Next(3), ref rng);

        return new PartnerCompany
        {
            Id = CompanyIdAt(index),
            Name = _companyName[index],
            NameKana = _companyKana[index],
            CorporateNumber = rng.Chance(0.85) ? CorporateNumber(ref rng) : null,
            Profile = new CompanyProfile
            {
                Industry = industry.Name,
                Prefecture = prefecture.Name,
                Address = string.Create(CultureInfo.InvariantCulture, $"{prefecture.Name}{rng.Pick(prefecture.Places)}{rng.Next(1, 6)}-{rng.Next(1, 21)}-{rng.Next(1, 16)}"),
                EmployeeCount = employees,
                YearFounded = asOfYear - rng.Next(3, 71),
                Revenue = revenue,
                Capital = capital,
                FiscalClosingMonth = fiscal,
                ExistingCustomerCount = employees * rng.Next(2, 16),
                CustomerSegments = segments,
                Domain = _companyDomain[index],
            },
            BusinessPolicy = rng.Chance(0.8) ? rng.Pick(industry.Policies) : null,
            Strengths = rng.Chance(0.8) ? rng.Pick(industry.Strengths) : null,
            Challenges = rng.Chance(0.7) ? rng.Pick(industry.Challenges) : null,
            FocusTags = focus,
            Contract = rng.Chance(0.95) ? CreateContract(index, ref rng) : null,
            OwnerId = UserIdAt(_companyOwner[index]),
            ModifiedAt = AtJst(_asOfDay - rng.Next(1, 400), 10 + rng.Next(8)),
        };
    }

    private PartnerContract CreateContract(int index, ref SampleRandom rng)
    {
        int[] terms = [12, 12, 24, 36];
        var term = rng.Pick(terms);
        var asOf = DateOnly.FromDayNumber(_asOfDay);

        // Every tenth company renews soon and another tenth has expired, so the demo always shows contract alerts.
        DateOnly end;
        bool autoRenew;
        switch (index % 10)
        {
            case 3:
                end = asOf.AddDays(rng.Next(10, 76));
                autoRenew = false;
                break;
            case 7:
                end = asOf.AddDays(-rng.Next(10, 151));
                autoRenew = false;
                break;
            default:
                // The current term: it started at most term-3 months ago, so it ends well after the as-of date.
                end = asOf.AddMonths(rng.Next(3, term + 1)).AddDays(rng.Next(28));
                autoRenew = rng.Chance(0.7);
                break;
        }

        var start = end.AddDays(1).AddMonths(-term);
        var commission = 5m + (rng.Next(51) * 0.5m); // 5.0–30.0 %
        return new PartnerContract
        {
            Type = rng.NextDouble() switch { < 0.55 => ContractType.Referral, < 0.9 => ContractType.Resale, _ => ContractType.Oem },
            Start = start,
            TermMonths = term,
            End = end,
            AutoRenew = autoRenew,
            CommissionRatePercent = commission,
            CommissionReviewDate = rng.Chance(0.3) ? Max(asOf.AddDays(rng.Next(-30, 121)), start.AddDays(30)) : null,
            SalesConditions = rng.Chance(0.7) ? rng.Pick(SampleVocabulary.SalesConditions) : null,
        };
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>A 13-digit corporate number (法人番号): a check digit followed by 12 base digits.</summary>
    private static string CorporateNumber(ref SampleRandom rng)
    {
        Span<char> digits = stackalloc char[13];
        var sum = 0;
        for (var i = 12; i >= 1; i--)
        {
            var d = rng.Next(10);
            digits[i] = (char)('0' + d);
            var n = 13 - i; // position counted from the lowest digit, 1-based
            sum += d * (n % 2 == 1 ? 1 : 2);
        }

        digits[0] = (char)('0' + (9 - (sum % 9)));
        return new string(digits);
    }

    private static string[] PickDistinct(IReadOnlyList<string> items, int count, ref SampleRandom rng)
    {
        count = Math.Min(count, items.Count);
        var result = new List<string>(count);
        while (result.Count < count)
        {
            var item = items[rng.Next(items.Count)];
            if (!result.Contains(item))
            {
                result.Add(item);
            }
        }

        return [.. result];
    }
}
