using PartnerKarte.Karte;

namespace PartnerKarte.Scoring;

/// <summary>
/// One piece of trust evidence (an <see cref="Interaction"/> or a <see cref="Proposal"/>) reduced to what the scoring
/// formulas read, with times in days since the Unix epoch (UTC) so the decay arithmetic is plain subtraction.
/// </summary>
internal readonly struct TrustEvent
{
    private readonly byte _kind;
    private readonly byte _channel;
    private readonly byte _initiator;
    private readonly byte _purpose;
    private readonly byte _reaction;
    private readonly byte _outcome;
    private readonly byte _hasAction;
    private readonly byte _ownAction;

    internal TrustEvent(
        TrustEventKind kind, int repIndex, int sourceIndex, double time, InteractionChannel channel, Initiator initiator,
        InteractionPurpose purpose, Reaction reaction, double latencyHours, bool hasAction, double due, double resolved, ProposalOutcome outcome,
        bool ownAction = false)
    {
        _kind = (byte)kind;
        RepIndex = repIndex;
        SourceIndex = sourceIndex;
        Time = time;
        _channel = (byte)channel;
        _initiator = (byte)initiator;
        _purpose = (byte)purpose;
        _reaction = (byte)reaction;
        LatencyHours = latencyHours;
        _hasAction = hasAction ? (byte)1 : (byte)0;
        _ownAction = hasAction && ownAction ? (byte)1 : (byte)0;
        Due = due;
        Resolved = resolved;
        _outcome = (byte)outcome;
    }

    /// <summary>Dense index of the rep (the caller's rep table, e.g. <see cref="TrustEventSet.Reps"/>).</summary>
    internal int RepIndex { get; }

    /// <summary>Index of the source record in the caller's id table (for evidence ids), or -1.</summary>
    internal int SourceIndex { get; }

    /// <summary>When it happened: interaction time, or proposal creation (start of the day), in days since the Unix epoch.</summary>
    internal double Time { get; }

    /// <summary>For a reply, how long the replying side took in hours (the rep's latency when <see cref="Initiator"/> is the rep); NaN when it is not a reply.</summary>
    internal double LatencyHours { get; }

    /// <summary>Due time of the next action (days since epoch), or NaN when there is none or it has no due time.</summary>
    internal double Due { get; }

    /// <summary>When the next action was done, or the proposal closed (days since epoch); NaN while open.</summary>
    internal double Resolved { get; }

    /// <summary>What the event records.</summary>
    internal TrustEventKind Kind => (TrustEventKind)_kind;

    /// <summary>The interaction's channel.</summary>
    internal InteractionChannel Channel => (InteractionChannel)_channel;

    /// <summary>Which side started the interaction.</summary>
    internal Initiator Initiator => (Initiator)_initiator;

    /// <summary>What the interaction was about.</summary>
    internal InteractionPurpose Purpose => (InteractionPurpose)_purpose;

    /// <summary>How the rep reacted.</summary>
    internal Reaction Reaction => (Reaction)_reaction;

    /// <summary>The proposal's outcome.</summary>
    internal ProposalOutcome Outcome => (ProposalOutcome)_outcome;

    /// <summary>Whether the interaction agreed a next action.</summary>
    internal bool HasAction => _hasAction != 0;

    /// <summary>Whether the agreed next action is ours to do (it has an owner on our side): it says nothing about the rep's reliability.</summary>
    internal bool OwnAction => _ownAction != 0;

    /// <summary>Whether the interaction is known to be two-way: the rep started or answered it, or it was a conversation (meeting, call, meal).</summary>
    internal bool IsTwoWay => _kind == 0 && (_initiator == (byte)Initiator.Rep || Channel is InteractionChannel.Meeting or InteractionChannel.WebMeeting
        or InteractionChannel.Call or InteractionChannel.Meal);

    /// <summary>Whether the source records which side started the interaction.</summary>
    internal bool InitiatorKnown => _initiator != (byte)Initiator.Unknown;

    /// <summary>Whether this is a reply by the rep with a known latency (feeds responsiveness).</summary>
    internal bool IsRepReply => _kind == 0 && _initiator == (byte)Initiator.Rep && !double.IsNaN(LatencyHours);

    /// <summary>Whether the interaction started contact (it is not a reply) and the source says who started it; these feed the initiative factor.</summary>
    internal bool IsThreadStart => _kind == 0 && double.IsNaN(LatencyHours) && InitiatorKnown;

    /// <summary>Creates an interaction event from raw values (generators, stores with their own columns).</summary>
    /// <param name="repIndex">Dense rep index.</param>
    /// <param name="time">When, in days since the Unix epoch (see <see cref="ToEventTime(DateTimeOffset)"/>).</param>
    /// <param name="channel">Channel.</param>
    /// <param name="initiator">Who sent or started it.</param>
    /// <param name="purpose">Purpose.</param>
    /// <param name="reaction">Reaction.</param>
    /// <param name="latencyHours">Reply latency in hours, or NaN when it is not a reply.</param>
    /// <param name="hasAction">Whether a next action was agreed.</param>
    /// <param name="due">Due time of the action, or NaN.</param>
    /// <param name="done">When the action was done, or NaN while open.</param>
    /// <param name="sourceIndex">Index of the source record, or -1.</param>
    /// <param name="ownAction">Whether the action is ours to do (not the rep's).</param>
    /// <returns>The event.</returns>
    internal static TrustEvent ForInteraction(
        int repIndex, double time, InteractionChannel channel, Initiator initiator, InteractionPurpose purpose = InteractionPurpose.General,
        Reaction reaction = Reaction.Unknown, double latencyHours = double.NaN, bool hasAction = false, double due = double.NaN,
        double done = double.NaN, int sourceIndex = -1, bool ownAction = false) =>
        new(TrustEventKind.Interaction, repIndex, sourceIndex, time, channel, initiator, purpose, reaction,
            latencyHours < 0 ? 0 : latencyHours, hasAction, due, hasAction ? done : double.NaN, ProposalOutcome.Open, ownAction);

    /// <summary>Creates a proposal event from raw values.</summary>
    /// <param name="repIndex">Dense rep index.</param>
    /// <param name="created">When the proposal was created, in days since the Unix epoch.</param>
    /// <param name="outcome">Its outcome.</param>
    /// <param name="closed">When it was won or lost, or NaN while open.</param>
    /// <param name="sourceIndex">Index of the source record, or -1.</param>
    /// <returns>The event.</returns>
    internal static TrustEvent ForProposal(int repIndex, double created, ProposalOutcome outcome, double closed = double.NaN, int sourceIndex = -1) =>
        new(TrustEventKind.Proposal, repIndex, sourceIndex, created, InteractionChannel.Other, Initiator.Us, InteractionPurpose.Proposal,
            Reaction.Unknown, double.NaN, false, double.NaN, outcome == ProposalOutcome.Open ? double.NaN : (double.IsNaN(closed) ? created : closed), outcome);

    /// <summary>Creates the event of an interaction.</summary>
    /// <param name="interaction">The interaction.</param>
    /// <param name="repIndex">Dense rep index.</param>
    /// <param name="sourceIndex">Index of the interaction in the caller's list, or -1.</param>
    /// <returns>The event.</returns>
    internal static TrustEvent FromInteraction(Interaction interaction, int repIndex = 0, int sourceIndex = -1)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var latency = interaction.ResponseLatency is { } l ? l.TotalHours : double.NaN;
        var action = interaction.NextAction;
        return ForInteraction(
            repIndex, ToEventTime(interaction.OccurredAt), interaction.Channel, interaction.Initiator, interaction.Purpose, interaction.Reaction,
            latency, action is not null, action?.Due is { } due ? ToEventTime(due) : double.NaN,
            action?.DoneAt is { } done ? ToEventTime(done) : double.NaN, sourceIndex, action?.Owner is not null);
    }

    /// <summary>Creates the event of a proposal. Dates are placed at the start of the day in <paramref name="dayOffset"/>.</summary>
    /// <param name="proposal">The proposal.</param>
    /// <param name="repIndex">Dense rep index.</param>
    /// <param name="dayOffset">UTC offset of the calendar the dates are in (see <see cref="TrustScoringOptions.DayBoundaryOffset"/>).</param>
    /// <param name="sourceIndex">Index of the proposal in the caller's list, or -1.</param>
    /// <returns>The event.</returns>
    internal static TrustEvent FromProposal(Proposal proposal, int repIndex, TimeSpan dayOffset, int sourceIndex = -1)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var created = DateToEventTime(proposal.CreatedOn, dayOffset);
        var closed = proposal.ClosedOn is { } c ? DateToEventTime(c, dayOffset) : double.NaN;
        return ForProposal(repIndex, created, proposal.Outcome, closed, sourceIndex);
    }

    /// <summary>The same event for another rep index and source position (events read back from a digest).</summary>
    internal TrustEvent WithIndices(int repIndex, int sourceIndex) =>
        new(Kind, repIndex, sourceIndex, Time, Channel, Initiator, Purpose, Reaction, LatencyHours, HasAction, Due, Resolved, Outcome, OwnAction);

    /// <summary>Converts an instant to event time: days since 1970-01-01T00:00Z.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>Days since the Unix epoch.</returns>
    internal static double ToEventTime(DateTimeOffset instant) =>
        (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerDay;

    /// <summary>Converts event time back to an instant (UTC, rounded to the tick).</summary>
    /// <param name="time">Days since the Unix epoch.</param>
    /// <returns>The instant.</returns>
    internal static DateTimeOffset FromEventTime(double time) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (long)Math.Round(time * TimeSpan.TicksPerDay), TimeSpan.Zero);

    private static double DateToEventTime(DateOnly date, TimeSpan offset) =>
        ToEventTime(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), offset));
}
