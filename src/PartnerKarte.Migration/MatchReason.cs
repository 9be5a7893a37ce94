namespace PartnerKarte.Migration;

/// <summary>A piece of evidence the <see cref="KarteMatcher"/> found for or against two records being the same.</summary>
public enum MatchReason
{
    /// <summary>Both companies have the same valid corporate number (法人番号): the same legal entity.</summary>
    SameCorporateNumber = 0,
    /// <summary>The company names are equal once normalised and stripped of legal forms (株式会社サンプル = (株)ｻﾝﾌﾟﾙ).</summary>
    SameName = 1,
    /// <summary>The kana readings are equal once normalised (サンプル = さんぷる = ｻﾝﾌﾟﾙ).</summary>
    SameNameKana = 2,
    /// <summary>The companies use the same web or mail domain (free mail domains do not count).</summary>
    SameDomain = 3,
    /// <summary>The reps have the same email address (case-insensitive, after normalisation).</summary>
    SameEmail = 4,
    /// <summary>The reps have the same phone number after normalisation.</summary>
    SamePhone = 5,
    /// <summary>The reps have the same name and belong to the same company.</summary>
    SameNameSameCompany = 6,
    /// <summary>The reps have the same kana reading and belong to the same company.</summary>
    SameNameKanaSameCompany = 7,
    /// <summary>The reps have the same name but belong to different companies (possibly a transfer, possibly a namesake).</summary>
    SameNameOtherCompany = 8,
    /// <summary>Against: both companies have valid corporate numbers and they differ.</summary>
    DifferentCorporateNumber = 9,
    /// <summary>Against: the companies have different Japanese legal forms (e.g. 株式会社 and 有限会社).</summary>
    DifferentLegalForm = 10,
    /// <summary>Against: the reps have different email addresses and no strong identifier in common (two people with one name).</summary>
    DifferentEmail = 11,
    /// <summary>Against: the reps have different personal phone numbers (mobile, or with an extension) and no strong identifier in common.</summary>
    DifferentPhone = 12,
}
