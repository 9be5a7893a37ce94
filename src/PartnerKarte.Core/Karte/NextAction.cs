namespace PartnerKarte.Karte;

/// <summary>A next action agreed in an interaction (次回アクション).</summary>
/// <param name="What">What is to be done.</param>
/// <param name="Due">When it is due.</param>
/// <param name="DoneAt">When it was done, or <see langword="null"/> while open.</param>
/// <param name="Owner">Who on our side owns it, when it is ours to do.</param>
public sealed record NextAction(string What, DateTimeOffset? Due = null, DateTimeOffset? DoneAt = null, UserId? Owner = null)
{
    /// <summary>
    /// The partner rep the action is with, when it differs from the interaction's rep (set when a handover moves
    /// an open action to a successor rep; the interaction itself keeps its rep, so history is not rewritten).
    /// </summary>
    public RepId? RepId { get; init; }

    /// <summary>Whether the action is still open.</summary>
    public bool IsOpen => DoneAt is null;

    /// <summary>Whether the action was done by its due time (an action without a due time counts when done).</summary>
    public bool KeptOnTime => DoneAt is { } d && (Due is null || d <= Due);
}
