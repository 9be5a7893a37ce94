namespace PartnerKarte.Karte;

/// <summary>A rep's personality profile (性格診断), used to adapt how we approach them.</summary>
/// <param name="Disc">The DiSC style, when assessed.</param>
/// <param name="Mbti">The MBTI type, when assessed.</param>
/// <param name="Note">Free-form observations.</param>
public sealed record Personality(DiscStyle? Disc = null, MbtiType? Mbti = null, string? Note = null)
{
    /// <summary>No profile recorded.</summary>
    public static Personality None { get; } = new();
}
