using PartnerKarte.Karte;

namespace PartnerKarte.Scoring;

/// <summary>A persisted <see cref="RepTrustState"/> cannot be restored (corrupt, another format, or built under different options).</summary>
public sealed class TrustStateException : PartnerKarteException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="repId">The rep the state belongs to, when it could be read.</param>
    /// <param name="reason">Why the state cannot be restored.</param>
    /// <param name="innerException">The cause, if any.</param>
    public TrustStateException(RepId? repId, string reason, Exception? innerException = null)
        : base($"Trust state{(repId is { } r ? " of rep " + r.Value : string.Empty)} cannot be restored: {reason}.", innerException)
    {
        RepId = repId;
        Reason = reason;
    }

    /// <summary>The rep, when known.</summary>
    public RepId? RepId { get; }

    /// <summary>Why the state cannot be restored.</summary>
    public string Reason { get; }
}
