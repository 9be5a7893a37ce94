namespace PartnerKarte.Karte;

/// <summary>Why a proposal was lost (失注理由), grouped so patterns can be counted.</summary>
public enum LossReasonCategory
{
    /// <summary>Not recorded.</summary>
    Unknown = 0,
    /// <summary>Price or commission too high (価格).</summary>
    Price = 1,
    /// <summary>A competitor won (競合).</summary>
    Competitor = 2,
    /// <summary>A feature or requirement was missing (機能不足).</summary>
    Features = 3,
    /// <summary>Wrong timing (時期).</summary>
    Timing = 4,
    /// <summary>No budget (予算).</summary>
    Budget = 5,
    /// <summary>No decision was taken (検討中止).</summary>
    NoDecision = 6,
    /// <summary>The relationship or the partner's commitment was weak (関係性).</summary>
    Relationship = 7,
    /// <summary>Any other reason; see the note.</summary>
    Other = 8,
}
