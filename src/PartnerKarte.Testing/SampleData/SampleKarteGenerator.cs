using System.Globalization;
using PartnerKarte.Karte;

namespace PartnerKarte.SampleData;

/// <summary>
/// Generates deterministic, realistic Japanese partner-karte data: partner companies (with 株式会社/(株)/㈱ name
/// variants, industries, prefectures, yen amounts, fiscal months, contracts — some renewing soon, some expired),
/// reps (names with kana, titles, departments, emails on company domains, Japanese phone numbers, tags, DiSC/MBTI,
/// transfers and departures), interactions with per-rep tendencies, proposals with outcomes and loss reasons, and
/// our own team members.
/// </summary>
/// <remarks>
/// Every record is drawn from its own random stream, so the same seed and sizes always give the same data, any
/// record can be produced by index, and the <c>Generate…</c> sequences stream without holding the data set:
/// construction is O(companies + reps + proposals) and each interaction costs O(log reps). Interactions come in
/// chronological order. Nothing happens after <see cref="SampleKarteOptions.AsOf"/>.
/// </remarks>
public sealed partial class SampleKarteGenerator
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private const int BusinessMinutesPerDay = 600; // 9:00–19:00 JST

    private readonly SampleKarteOptions _options;
    private readonly int _seed;
    private readonly int _asOfDay;
    private readonly int _historyStartDay;
    private readonly int[] _businessDays;

    private readonly double[] _companyCumulative;
    private readonly int[] _companyOwner;
    private readonly int[] _companyIndustry;
    private readonly int[] _companyPrefecture;
    private readonly string[] _companyName;
    private readonly string[] _companyKana;
    private readonly string[] _companyDomain;
    private readonly double[] _companyBias;
    private readonly int[] _repsByCompanyStart;
    private readonly int[] _repsByCompany;

    private readonly RepTraits[] _reps;
    private readonly double[] _repActivityCumulative;
    private readonly double[] _repProposalCumulative;

    private readonly int[] _proposalRep;
    private readonly int[] _proposalCreatedDay;
    private readonly int[] _proposalsByRepStart;
    private readonly int[] _proposalsByRep;

    private readonly string _companyIdFormat;
    private readonly string _repIdFormat;
    private readonly string _proposalIdFormat;
    private readonly string _interactionIdFormat;
    private readonly string _userIdFormat;

    /// <summary>Creates a generator; the per-company and per-rep tendencies are fixed here.</summary>
    /// <param name="options">Seed and sizes; <see langword="null"/> for the demo defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public SampleKarteGenerator(SampleKarteOptions? options = null)
    {
        _options = options ?? new SampleKarteOptions();
        _options.Validate();
        _seed = _options.Seed;

        var asOfJst = _options.AsOf.ToOffset(Jst);
        var asOfDate = DateOnly.FromDateTime(asOfJst.DateTime);
        _asOfDay = asOfDate.DayNumber;
        _historyStartDay = asOfDate.AddMonths(-_options.HistoryMonths).DayNumber;
        _businessDays = BuildBusinessDays(_historyStartDay, _asOfDay);

        _companyIdFormat = "C-{0:D" + Width(_options.CompanyCount, 3) + "}";
        _repIdFormat = "R-{0:D" + Width(_options.RepCount, 5) + "}";
        _proposalIdFormat = "P-{0:D" + Width(_options.ProposalCount, 5) + "}";
        _interactionIdFormat = "I-{0:D" + Width(_options.InteractionCount, 6) + "}";
        _userIdFormat = "U-{0:D" + Width(_options.TeamMemberCount, 2) + "}";

        var companies = _options.CompanyCount;
        _companyCumulative = new double[companies];
        _companyOwner = new int[companies];
        _companyIndustry = new int[companies];
        _companyPrefecture = new int[companies];
        _companyName = new string[companies];
        _companyKana = new string[companies];
        _companyDomain = new string[companies];
        _companyBias = new double[companies];
        InitCompanies();

        _reps = new RepTraits[_options.RepCount];
        _repActivityCumulative = new double[_options.RepCount];
        _repProposalCumulative = new double[_options.RepCount];
        InitReps();
        (_repsByCompanyStart, _repsByCompany) = GroupBy(_options.CompanyCount, _options.RepCount, r => _reps[r].Company, null);

        _proposalRep = new int[_options.ProposalCount];
        _proposalCreatedDay = new int[_options.ProposalCount];
        InitProposals();
        (_proposalsByRepStart, _proposalsByRep) = GroupBy(_options.RepCount, _options.ProposalCount, p => _proposalRep[p], _proposalCreatedDay);
    }

    /// <summary>The options in use.</summary>
    public SampleKarteOptions Options => _options;

    /// <summary>Generates the whole data set in memory. For very large sizes, stream the <c>Generate…</c> sequences instead.</summary>
    /// <returns>The data set.</returns>
    public KarteDataSet Generate() => new()
    {
        TeamMembers = [.. GenerateTeamMembers()],
        Companies = [.. GenerateCompanies()],
        Reps = [.. GenerateReps()],
        Proposals = [.. GenerateProposals()],
        Interactions = [.. GenerateInteractions()],
    };

    /// <summary>Generates a data set with the given options.</summary>
    /// <param name="options">Seed and sizes; <see langword="null"/> for the demo defaults.</param>
    /// <returns>The data set.</returns>
    public static KarteDataSet Generate(SampleKarteOptions? options) => new SampleKarteGenerator(options).Generate();

    /// <summary>Streams our team members in id order.</summary>
    /// <returns>The members.</returns>
    public IEnumerable<TeamMember> GenerateTeamMembers()
    {
        for (var i = 0; i < _options.TeamMemberCount; i++)
        {
            yield return CreateTeamMember(i);
        }
    }

    /// <summary>Streams the partner companies in id order.</summary>
    /// <returns>The companies.</returns>
    public IEnumerable<PartnerCompany> GenerateCompanies()
    {
        for (var i = 0; i < _options.CompanyCount; i++)
        {
            yield return CreateCompany(i);
        }
    }

    /// <summary>Streams the partner reps in id order.</summary>
    /// <returns>The reps.</returns>
    public IEnumerable<PartnerRep> GenerateReps()
    {
        for (var i = 0; i < _options.RepCount; i++)
        {
            yield return CreateRep(i);
        }
    }

    /// <summary>Streams the proposals in id order.</summary>
    /// <returns>The proposals.</returns>
    public IEnumerable<Proposal> GenerateProposals()
    {
        for (var i = 0; i < _options.ProposalCount; i++)
        {
            yield return CreateProposal(i);
        }
    }

    /// <summary>
    /// The hidden truth behind the rep at a zero-based index: behaviour type, cooling episode and last active day. Nothing of
    /// it is in the generated records; it is what a back-test scores the trust score and alerts against.
    /// </summary>
    /// <param name="index">Zero-based index below <see cref="SampleKarteOptions.RepCount"/>.</param>
    /// <returns>The truth.</returns>
    public SampleRepTruth TruthOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _options.RepCount);
        ref readonly var t = ref _reps[index];
        return new SampleRepTruth(
            RepIdAt(index),
            (SampleRepType)t.Archetype,
            t.Cooling ? AtJst(CoolingStartDay, 0) : null,
            DateOnly.FromDayNumber(t.LastActiveDay));
    }

    /// <summary>The first day of the cooling episodes: cooling relationships go quiet over the last 90 days of the history.</summary>
    private int CoolingStartDay => _asOfDay - 89;

    /// <summary>Streams the interactions in id order, which is also chronological order.</summary>
    /// <returns>The interactions.</returns>
    public IEnumerable<Interaction> GenerateInteractions()
    {
        for (long i = 0; i < _options.InteractionCount; i++)
        {
            yield return CreateInteraction(i);
        }
    }

    /// <summary>The id of the company at a zero-based index, e.g. <c>C-001</c> for index 0.</summary>
    /// <param name="index">Zero-based index.</param>
    /// <returns>The id.</returns>
    public CompanyId CompanyIdAt(int index) => new(string.Format(CultureInfo.InvariantCulture, _companyIdFormat, index + 1));

    /// <summary>The id of the rep at a zero-based index, e.g. <c>R-00001</c> for index 0.</summary>
    /// <param name="index">Zero-based index.</param>
    /// <returns>The id.</returns>
    public RepId RepIdAt(int index) => new(string.Format(CultureInfo.InvariantCulture, _repIdFormat, index + 1));

    /// <summary>The id of the proposal at a zero-based index, e.g. <c>P-00001</c> for index 0.</summary>
    /// <param name="index">Zero-based index.</param>
    /// <returns>The id.</returns>
    public ProposalId ProposalIdAt(int index) => new(string.Format(CultureInfo.InvariantCulture, _proposalIdFormat, index + 1));

    /// <summary>The id of the interaction at a zero-based index, e.g. <c>I-000001</c> for index 0.</summary>
    /// <param name="index">Zero-based index.</param>
    /// <returns>The id.</returns>
    public InteractionId InteractionIdAt(long index) => new(string.Format(CultureInfo.InvariantCulture, _interactionIdFormat, index + 1));

    /// <summary>The id of our team member at a zero-based index, e.g. <c>U-01</c> for index 0.</summary>
    /// <param name="index">Zero-based index.</param>
    /// <returns>The id.</returns>
    public UserId UserIdAt(int index) => new(string.Format(CultureInfo.InvariantCulture, _userIdFormat, index + 1));

    /// <summary>Creates our team member at a zero-based index.</summary>
    /// <param name="index">Zero-based index below <see cref="SampleKarteOptions.TeamMemberCount"/>.</param>
    /// <returns>The member.</returns>
    public TeamMember CreateTeamMember(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _options.TeamMemberCount);
        if (index < SampleVocabulary.TeamMembers.Length)
        {
            var (name, team) = SampleVocabulary.TeamMembers[index];
            return new TeamMember(UserIdAt(index), name, team);
        }

        var rng = new SampleRandom(_seed, SampleStream.TeamMember, index);
        var family = rng.Pick(SampleVocabulary.FamilyNames);
        var given = rng.Pick(SampleVocabulary.GivenNames);
        return new TeamMember(UserIdAt(index), $"{family.Text} {given.Text}", rng.Pick(SampleVocabulary.Teams));
    }

    private static int Width(long count, int minimum) =>
        Math.Max(minimum, count.ToString(CultureInfo.InvariantCulture).Length);

    private static int[] BuildBusinessDays(int fromDay, int toDayExclusive)
    {
        var days = new List<int>(Math.Max(0, toDayExclusive - fromDay));
        for (var d = fromDay; d < toDayExclusive; d++)
        {
            var date = DateOnly.FromDayNumber(d);
            var yearEnd = (date.Month == 12 && date.Day >= 29) || (date.Month == 1 && date.Day <= 3); // 年末年始
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !yearEnd)
            {
                days.Add(d);
            }
        }

        if (days.Count == 0)
        {
            days.Add(toDayExclusive - 1);
        }

        return [.. days];
    }

    /// <summary>Groups items by an owner index into compressed rows (start offsets + items), optionally sorted by a key.</summary>
    private static (int[] Start, int[] Items) GroupBy(int groups, int count, Func<int, int> groupOf, int[]? sortKey)
    {
        var start = new int[groups + 1];
        for (var i = 0; i < count; i++)
        {
            start[groupOf(i) + 1]++;
        }

        for (var g = 0; g < groups; g++)
        {
            start[g + 1] += start[g];
        }

        var fill = (int[])start.Clone();
        var items = new int[count];
        for (var i = 0; i < count; i++)
        {
            items[fill[groupOf(i)]++] = i;
        }

        if (sortKey is not null)
        {
            for (var g = 0; g < groups; g++)
            {
                var segment = items.AsSpan(start[g], start[g + 1] - start[g]);
                if (segment.Length > 1)
                {
                    segment.Sort((a, b) => sortKey[a] != sortKey[b] ? sortKey[a].CompareTo(sortKey[b]) : a.CompareTo(b));
                }
            }
        }

        return (start, items);
    }

    private static DateTimeOffset AtJst(int dayNumber, int hour, int minute = 0) =>
        new(DateOnly.FromDayNumber(dayNumber).ToDateTime(new TimeOnly(hour, minute)), Jst);

    private DateTimeOffset Cap(DateTimeOffset t) => t > _options.AsOf ? _options.AsOf : t;
}
