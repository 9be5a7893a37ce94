namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Contact columns that receive a rep's trust enrichment.</summary>
public sealed class DataverseRepColumns
{
    /// <summary>Trust score 0–100 (decimal, 1 place).</summary>
    public string TrustScore { get; set; } = "pk_trustscore";

    /// <summary>Trust rank (choice: 100000000 + <c>TrustRank</c> value).</summary>
    public string TrustRank { get; set; } = "pk_trustrank";

    /// <summary>Confidence 0–1 (decimal, 2 places).</summary>
    public string TrustConfidence { get; set; } = "pk_trustconfidence";

    /// <summary>Trend in points (decimal, 1 place).</summary>
    public string TrustTrend { get; set; } = "pk_trusttrend";

    /// <summary>Date of the last contact (date only).</summary>
    public string LastContactDate { get; set; } = "pk_lastcontactdate";

    /// <summary>Follow-up priority (choice: 100000000 + <c>FollowUpPriority</c> value).</summary>
    public string FollowUpPriority { get; set; } = "pk_followuppriority";

    /// <summary>Short Japanese reasons behind the score and the follow-up priority (text, 255).</summary>
    public string TrustReasons { get; set; } = "pk_trustreasons";
}
