using PartnerKarte.Karte;

namespace PartnerKarte.SampleData;

public sealed partial class SampleKarteGenerator
{
    private static readonly double[] ChannelCumulative = Cumulative([0.14, 0.20, 0.16, 0.30, 0.12, 0.03, 0.03, 0.02]);

    private static readonly LossReasonCategory[] LossCategories =
    [
        LossReasonCategory.Price, LossReasonCategory.Competitor, LossReasonCategory.Features, LossReasonCategory.Timing,
        LossReasonCategory.Budget, LossReasonCategory.NoDecision, LossReasonCategory.Relationship, LossReasonCategory.Other,
        LossReasonCategory.Unknown,
    ];

    private static readonly double[] LossCumulative = Cumulative([0.24, 0.2, 0.12, 0.14, 0.12, 0.08, 0.04, 0.03, 0.03]);

    private void InitProposals()
    {
        for (var p = 0; p < _options.ProposalCount; p++)
        {
            var rng = new SampleRandom(_seed, SampleStream.ProposalCore, p);
            for (var attempt = 0; ; attempt++)
            {
                var r = attempt < 16 ? rng.PickCumulative(_repProposalCumulative) : (p + attempt) % _options.RepCount;
                ref readonly var t = ref _reps[r];
                var lo = Math.Max(_historyStartDay, t.FromDay);
                var hi = Math.Min(_asOfDay - 1, t.LastActiveDay);
                if (lo > hi && attempt < 16 + _options.RepCount)
                {
                    continue;
                }

                _proposalRep[p] = r;
                _proposalCreatedDay[p] = lo > hi ? _asOfDay - 1 : BusinessDayBetween(lo, hi, ref rng);
                break;
            }
        }
    }

    /// <summary>A business day in [lo, hi] when there is one, else a day in the range.</summary>
    private int BusinessDayBetween(int lo, int hi, ref SampleRandom rng)
    {
        var a = LowerBound(_businessDays, lo);
        var b = LowerBound(_businessDays, hi + 1);
        return b > a ? _businessDays[a + rng.Next(b - a)] : lo + rng.Next(hi - lo + 1);
    }

    private static int LowerBound(int[] sorted, int value)
    {
        var i = Array.BinarySearch(sorted, value);
        if (i < 0)
        {
            return ~i;
        }

        while (i > 0 && sorted[i - 1] == value)
        {
            i--;
        }

        return i;
    }

    private bool ActiveOn(int rep, int day) => day >= _reps[rep].FromDay && day <= _reps[rep].LastActiveDay;

    private int PickActiveRep(ref SampleRandom rng, int day)
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var r = rng.PickCumulative(_repActivityCumulative);
            if (!ActiveOn(r, day))
            {
                continue;
            }

            // Cooling relationships go quiet in the last three months: the trend and alerts have something to show.
            if (_reps[r].Cooling && day >= CoolingStartDay && rng.Chance(0.75))
            {
                continue;
            }

            return r;
        }

        var start = rng.Next(_options.RepCount);
        for (var k = 0; k < _options.RepCount; k++)
        {
            var r = (start + k) % _options.RepCount;
            if (ActiveOn(r, day))
            {
                return r;
            }
        }

        return start;
    }

    /// <summary>Creates the proposal at a zero-based index.</summary>
    /// <param name="index">Zero-based index below <see cref="SampleKarteOptions.ProposalCount"/>.</param>
    /// <returns>The proposal.</returns>
    public Proposal CreateProposal(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _options.ProposalCount);
        var rng = new SampleRandom(_seed, SampleStream.ProposalDetail, index);
        var r = _proposalRep[index];
        ref readonly var t = ref _reps[r];
        var created = _proposalCreatedDay[index];
        var company = CompanyOn(r, created);

        var offer = rng.Next(SampleVocabulary.Offers.Length);
        var amount = Math.Max(100_000m, Math.Round(SampleVocabulary.OfferBaseAmounts[offer] * (decimal)rng.LogNormal(1.0, 0.5) / 10_000m) * 10_000m);
        var grossProfit = Math.Round(amount * (decimal)(0.2 + (rng.NextDouble() * 0.25)) / 1_000m) * 1_000m;
        var themes = rng.Chance(0.65)
            ? PickDistinct(FromMask(t.InterestMask, SampleVocabulary.InterestTags), 1 + rng.Next(2), ref rng)
            : PickDistinct(SampleVocabulary.InterestTags, 1 + rng.Next(2), ref rng);

        var age = _asOfDay - created;
        ProposalStage stage;
        var outcome = ProposalOutcome.Open;
        int? closed = null;
        LossReason? loss = null;
        if (age < 45 || rng.Chance(0.07))
        {
            stage = age switch { < 10 => ProposalStage.Lead, < 20 => ProposalStage.Qualified, < 35 => ProposalStage.Proposal, _ => ProposalStage.Negotiation };
        }
        else
        {
            stage = ProposalStage.Closed;
            closed = Math.Min(_asOfDay - 1, created + rng.Next(14, 151));
            var winProbability = Math.Clamp(0.1 + (0.5 * t.Quality) + _companyBias[company], 0.02, 0.95);
            if (rng.Chance(winProbability))
            {
                outcome = ProposalOutcome.Won;
            }
            else
            {
                outcome = ProposalOutcome.Lost;
                // A disengaged rep loses more deals for relationship reasons (関係性).
                var category = t.Archetype == 3 && rng.Chance(0.3) ? LossReasonCategory.Relationship : LossCategories[rng.PickCumulative(LossCumulative)];
                var note = SampleVocabulary.LossNotes[(int)category];
                loss = new LossReason(category, note.Length == 0 ? null : note);
            }
        }

        var modifiedDay = closed ?? Math.Min(_asOfDay - 1, created + rng.Next(Math.Max(1, age)));
        return new Proposal
        {
            Id = ProposalIdAt(index),
            CompanyId = CompanyIdAt(company),
            RepId = RepIdAt(r),
            OwnerId = UserIdAt(t.Owner),
            Offer = SampleVocabulary.Offers[offer],
            Themes = themes,
            Amount = amount,
            GrossProfit = grossProfit,
            Stage = stage,
            Outcome = outcome,
            CreatedOn = DateOnly.FromDayNumber(created),
            ClosedOn = closed is int c ? DateOnly.FromDayNumber(c) : null,
            LossReason = loss,
            ModifiedAt = Cap(AtJst(modifiedDay, 18)),
        };
    }

    /// <summary>Creates the interaction at a zero-based index; a higher index never happens earlier.</summary>
    /// <param name="index">Zero-based index below <see cref="SampleKarteOptions.InteractionCount"/>.</param>
    /// <returns>The interaction.</returns>
    public Interaction CreateInteraction(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _options.InteractionCount);
        var rng = new SampleRandom(_seed, SampleStream.Interaction, index);

        // Interactions fill the business hours of the history evenly, in index order.
        var total = (double)_businessDays.Length * BusinessMinutesPerDay;
        var position = (index + rng.NextDouble()) / _options.InteractionCount * total;
        var k = Math.Min((int)(position / BusinessMinutesPerDay), _businessDays.Length - 1);
        var minutes = Math.Clamp(position - ((double)k * BusinessMinutesPerDay), 0, BusinessMinutesPerDay - 1);
        var day = _businessDays[k];
        var occurred = AtJst(day, 9).AddSeconds(Math.Floor(minutes * 60));

        var r = PickActiveRep(ref rng, day);
        ref readonly var t = ref _reps[r];

        var channel = rng.Chance(0.3) ? (InteractionChannel)t.PreferredChannel : (InteractionChannel)rng.PickCumulative(ChannelCumulative);
        Initiator initiator;
        TimeSpan? latency = null;
        if (channel is InteractionChannel.Email or InteractionChannel.Chat or InteractionChannel.Call && rng.Chance(0.55))
        {
            if (rng.Chance(0.55))
            {
                initiator = Initiator.Rep;
                latency = TimeSpan.FromMinutes(Math.Round(Math.Clamp(rng.LogNormal(t.LatencyMedianHours, 0.6), 0.05, 24 * 14) * 60));
            }
            else
            {
                initiator = Initiator.Us;
                latency = TimeSpan.FromMinutes(Math.Round(Math.Clamp(rng.LogNormal(3, 0.8), 0.05, 24 * 7) * 60));
            }
        }
        else
        {
            initiator = rng.Chance(t.Initiative) ? Initiator.Rep : Initiator.Us;
        }

        var x = rng.NextDouble();
        var purpose = channel == InteractionChannel.Event ? InteractionPurpose.Training
            : initiator == Initiator.Rep
                ? (x < t.InquiryRate ? InteractionPurpose.Inquiry
                    : x < t.InquiryRate + 0.15 ? InteractionPurpose.Question
                    : x < t.InquiryRate + 0.30 ? InteractionPurpose.Proposal
                    : x < t.InquiryRate + 0.50 ? InteractionPurpose.Report
                    : InteractionPurpose.General)
                : (x < 0.3 ? InteractionPurpose.Proposal : x < 0.5 ? InteractionPurpose.Report : InteractionPurpose.General);

        var user = rng.Chance(0.8) ? t.Owner : rng.Next(_options.TeamMemberCount);

        IReadOnlyList<RepId> others = [];
        if (channel is InteractionChannel.Meeting or InteractionChannel.WebMeeting or InteractionChannel.Event or InteractionChannel.Meal && rng.Chance(0.15))
        {
            var c = t.Company;
            var count = _repsByCompanyStart[c + 1] - _repsByCompanyStart[c];
            for (var attempt = 0; attempt < 3 && count > 1; attempt++)
            {
                var colleague = _repsByCompany[_repsByCompanyStart[c] + rng.Next(count)];
                if (colleague != r && ActiveOn(colleague, day) && CompanyOn(colleague, day) == CompanyOn(r, day))
                {
                    others = [RepIdAt(colleague)];
                    break;
                }
            }
        }

        var reaction = Reaction.Unknown;
        if (purpose == InteractionPurpose.Proposal || channel is InteractionChannel.Meeting or InteractionChannel.WebMeeting)
        {
            var y = rng.NextDouble();
            reaction = y < t.Positivity ? Reaction.Positive : y < t.Positivity + ((1 - t.Positivity) * 0.65) ? Reaction.Neutral : Reaction.Negative;
        }
        else if (rng.Chance(0.3))
        {
            reaction = Reaction.Neutral;
        }

        string? statements = null;
        if (rng.Chance(0.45))
        {
            statements = rng.Chance(0.6) && t.InterestMask != 0
                ? SampleVocabulary.TopicStatements[NthSetBit(t.InterestMask, rng.Next(System.Numerics.BitOperations.PopCount(t.InterestMask)))][rng.Next(6)]
                : rng.Pick(SampleVocabulary.GenericStatements);
        }

        var concerns = (reaction == Reaction.Negative && rng.Chance(0.7)) || (reaction == Reaction.Neutral && rng.Chance(0.25))
            ? rng.Pick(SampleVocabulary.Concerns)
            : null;

        NextAction? next = null;
        if (rng.Chance(channel is InteractionChannel.Meeting or InteractionChannel.WebMeeting || purpose == InteractionPurpose.Proposal ? 0.45 : 0.15))
        {
            next = CreateNextAction(occurred, user, t.Reliability, ref rng);
        }

        ProposalId? proposal = null;
        if (purpose == InteractionPurpose.Proposal)
        {
            var from = _proposalsByRepStart[r];
            var to = _proposalsByRepStart[r + 1];
            var last = from - 1;
            while (last + 1 < to && _proposalCreatedDay[_proposalsByRep[last + 1]] <= day)
            {
                last++;
            }

            if (last >= from)
            {
                proposal = ProposalIdAt(_proposalsByRep[last - (last > from && rng.Chance(0.3) ? 1 : 0)]);
            }
        }

        var modified = occurred.AddMinutes(10);
        if (next?.DoneAt is { } done && done > modified)
        {
            modified = done;
        }

        return new Interaction
        {
            Id = InteractionIdAt(index),
            RepId = RepIdAt(r),
            OccurredAt = occurred,
            Channel = channel,
            Initiator = initiator,
            Purpose = purpose,
            ResponseLatency = latency,
            UserId = UserIdAt(user),
            OtherParticipants = others,
            Statements = statements,
            Reaction = reaction,
            Concerns = concerns,
            NextAction = next,
            ProposalId = proposal,
            ModifiedAt = Cap(modified),
        };
    }

    private NextAction CreateNextAction(DateTimeOffset occurred, int user, double repReliability, ref SampleRandom rng)
    {
        var what = rng.Pick(SampleVocabulary.NextActions);
        var ours = rng.Chance(0.4);
        var reliability = ours ? 0.85 : repReliability; // the rep's own promises follow the rep's tendency
        var due = occurred.AddDays(rng.Next(3, 15));
        var asOf = _options.AsOf;
        DateTimeOffset? done = null;
        if (due > asOf)
        {
            if (rng.Chance(reliability * 0.4))
            {
                done = occurred + ((asOf - occurred) * rng.NextDouble());
            }
        }
        else if (rng.Chance(reliability))
        {
            done = occurred + ((due - occurred) * (0.2 + (0.8 * rng.NextDouble())));
        }
        else if (rng.Chance(0.5))
        {
            var late = due.AddHours(rng.Next(24, 240));
            done = late <= asOf ? late : null;
        }

        if (done is { } d)
        {
            done = new DateTimeOffset(d.Ticks - (d.Ticks % TimeSpan.TicksPerSecond), d.Offset); // whole seconds
        }

        return new NextAction(what, due, done, ours ? UserIdAt(user) : null);
    }

    private static int NthSetBit(uint mask, int n)
    {
        for (var i = 0; i < 32; i++)
        {
            if ((mask & (1u << i)) != 0 && n-- == 0)
            {
                return i;
            }
        }

        return 0;
    }
}
