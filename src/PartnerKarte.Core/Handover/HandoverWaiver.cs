namespace PartnerKarte.Handover;

/// <summary>A recorded decision to accept a handover despite its blockers; it needs who and why.</summary>
public sealed record HandoverWaiver
{
    /// <summary>Records a waiver.</summary>
    /// <param name="approvedBy">Who accepted the blockers.</param>
    /// <param name="reason">Why.</param>
    /// <param name="at">When.</param>
    /// <exception cref="ArgumentException"><paramref name="approvedBy"/> or <paramref name="reason"/> is blank.</exception>
    public HandoverWaiver(string approvedBy, string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(approvedBy);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ApprovedBy = approvedBy;
        Reason = reason;
        At = at;
    }

    /// <summary>Who accepted the blockers.</summary>
    public string ApprovedBy { get; }

    /// <summary>Why they were accepted.</summary>
    public string Reason { get; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; }
}
