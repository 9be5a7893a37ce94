using PartnerKarte.Karte;
using PartnerKarte.Scoring;

namespace PartnerKarte.Testing;

public static partial class KarteGenerators
{
    /// <summary>The day <see cref="TeamKarte"/> kartes are drawn up to (2026-06-30): proposals are created up to 400 days before it.</summary>
    public static readonly DateOnly TeamKarteDay = new(2026, 6, 30);

    /// <summary>
    /// A small karte with our team, made from a seed, for handover and targeting properties: 2–5 team members (some
    /// inactive), 1–4 companies, 1–8 reps (some left or opted out, with tags and departments), up to 11 proposals and 24
    /// interactions (some with other participants or open next actions), owners missing now and then, and trust scores
    /// for about three reps in four. The same seed gives the same karte.
    /// </summary>
    /// <param name="seed">Drives every value.</param>
    /// <returns>The karte and the trust scores by rep.</returns>
    public static TeamKarte TeamKarte(int seed)
    {
        var rng = new Random(seed);
        var users = Enumerable.Range(0, rng.Next(2, 6)).Select(i => new TeamMember(new UserId($"u{i}"), $"担当{i}", "1課", Active: i < 2 || rng.Next(4) > 0)).ToArray();
        UserId? AnyUser() => rng.Next(5) == 0 ? null : users[rng.Next(users.Length)].Id;
        var companies = Enumerable.Range(0, rng.Next(1, 5)).Select(i => new PartnerCompany { Id = new CompanyId($"c{i}"), Name = $"株式会社テスト{i}", OwnerId = AnyUser() }).ToArray();
        string[] departments = ["営業一部", "営業二部", "事業開発部"];
        string[] tags = ["クラウド会計", "ERP", "DX", "インボイス制度", "人事"];
        var reps = Enumerable.Range(0, rng.Next(1, 9)).Select(i =>
        {
            var c = companies[rng.Next(companies.Length)].Id;
            var dept = departments[rng.Next(departments.Length)];
            return new PartnerRep
            {
                Id = new RepId($"r{i}"),
                CompanyId = c,
                Name = new PersonName($"姓{i}", "名"),
                Department = dept,
                OwnerId = AnyUser(),
                Status = rng.Next(6) == 0 ? RepStatus.Left : RepStatus.Active,
                OptedOut = rng.Next(8) == 0,
                ExpertiseTags = [.. tags.Where(_ => rng.Next(3) == 0)],
                InterestTags = [.. tags.Where(_ => rng.Next(3) == 0)],
                Employment = [new EmploymentEpisode(c, null, dept, new DateOnly(2021, 4, 1))],
            };
        }).ToArray();
        var proposals = Enumerable.Range(0, rng.Next(0, 12)).Select(i =>
        {
            var rep = reps[rng.Next(reps.Length)];
            return new Proposal
            {
                Id = new ProposalId($"p{i}"),
                CompanyId = rep.CompanyId,
                RepId = rep.Id,
                OwnerId = AnyUser(),
                Offer = tags[rng.Next(tags.Length)],
                Outcome = (ProposalOutcome)rng.Next(3),
                CreatedOn = TeamKarteDay.AddDays(-rng.Next(400)),
                Amount = rng.Next(1, 100) * 100_000m,
            };
        }).ToArray();
        var at = new DateTimeOffset(2026, 6, 30, 12, 0, 0, TimeSpan.FromHours(9));
        var interactions = Enumerable.Range(0, rng.Next(0, 25)).Select(i => new Interaction
        {
            Id = new InteractionId($"i{i}"),
            RepId = reps[rng.Next(reps.Length)].Id,
            UserId = AnyUser(),
            OccurredAt = at.AddDays(-rng.Next(200)),
            OtherParticipants = rng.Next(5) == 0 ? [reps[rng.Next(reps.Length)].Id] : [],
            NextAction = rng.Next(3) == 0 ? new NextAction("フォロー", at.AddDays(rng.Next(30)), rng.Next(2) == 0 ? at : null, AnyUser()) : null,
        }).ToArray();
        var trust = reps.Where(_ => rng.Next(4) > 0).ToDictionary(r => r.Id, r => new TrustScore
        {
            RepId = r.Id,
            AsOf = at,
            Value = rng.Next(0, 101),
            Rank = TrustRank.B,
        });
        return new TeamKarte(new KarteDataSet { Companies = companies, Reps = reps, Proposals = proposals, Interactions = interactions, TeamMembers = users }, trust);
    }
}
