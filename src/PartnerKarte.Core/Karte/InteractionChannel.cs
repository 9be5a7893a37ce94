namespace PartnerKarte.Karte;

/// <summary>How an interaction took place.</summary>
public enum InteractionChannel
{
    /// <summary>Face-to-face meeting (訪問・対面商談).</summary>
    Meeting = 0,
    /// <summary>Online meeting (Web会議).</summary>
    WebMeeting = 1,
    /// <summary>Phone call (電話).</summary>
    Call = 2,
    /// <summary>Email (メール).</summary>
    Email = 3,
    /// <summary>Chat such as Slack, Teams or LINE WORKS (チャット).</summary>
    Chat = 4,
    /// <summary>An event, seminar or study session (イベント・勉強会).</summary>
    Event = 5,
    /// <summary>A one-to-one meal or informal meeting (会食・1on1).</summary>
    Meal = 6,
    /// <summary>Anything else.</summary>
    Other = 7,
}
