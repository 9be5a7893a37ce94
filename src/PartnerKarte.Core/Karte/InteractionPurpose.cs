namespace PartnerKarte.Karte;

/// <summary>What an interaction was about; the rep-initiated kinds feed the initiative factor (問合せ頻度).</summary>
public enum InteractionPurpose
{
    /// <summary>General contact or relationship upkeep.</summary>
    General = 0,
    /// <summary>An inquiry about a deal or customer (問合せ).</summary>
    Inquiry = 1,
    /// <summary>A question about the product or terms (質問).</summary>
    Question = 2,
    /// <summary>A proposal or a deal brought forward (提案・案件相談).</summary>
    Proposal = 3,
    /// <summary>A status report or follow-up (報告).</summary>
    Report = 4,
    /// <summary>Training, a study session or an event (勉強会).</summary>
    Training = 5,
}
