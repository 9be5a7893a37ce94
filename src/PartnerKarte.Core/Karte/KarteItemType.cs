namespace PartnerKarte.Karte;

/// <summary>The type of a custom karte item (ヒアリング項目).</summary>
public enum KarteItemType
{
    /// <summary>One line of text.</summary>
    Text = 0,
    /// <summary>Several lines of text.</summary>
    LongText = 1,
    /// <summary>A whole number.</summary>
    Integer = 2,
    /// <summary>A decimal number.</summary>
    Number = 3,
    /// <summary>An amount in yen.</summary>
    Money = 4,
    /// <summary>A percentage, 0–100.</summary>
    Percent = 5,
    /// <summary>Yes or no.</summary>
    Boolean = 6,
    /// <summary>A calendar date.</summary>
    Date = 7,
    /// <summary>One of the template's choices.</summary>
    Choice = 8,
    /// <summary>Any number of the template's choices.</summary>
    MultiChoice = 9,
    /// <summary>Free tags.</summary>
    Tags = 10,
}
