namespace PartnerKarte.Karte;

/// <summary>
/// The schema fields a template may list as <see cref="KarteItemSource.BuiltIn"/> items, with the level and type
/// each must declare, and how to tell whether a record has it filled in.
/// </summary>
internal static class BuiltInKarteItems
{
    private static readonly Dictionary<string, (KarteLevel Level, KarteItemType Type)> Items = new(StringComparer.Ordinal)
    {
        ["company.name"] = (KarteLevel.Company, KarteItemType.Text),
        ["company.nameKana"] = (KarteLevel.Company, KarteItemType.Text),
        ["company.corporateNumber"] = (KarteLevel.Company, KarteItemType.Text),
        ["company.owner"] = (KarteLevel.Company, KarteItemType.Text),
        ["profile.industry"] = (KarteLevel.Company, KarteItemType.Text),
        ["profile.prefecture"] = (KarteLevel.Company, KarteItemType.Text),
        ["profile.address"] = (KarteLevel.Company, KarteItemType.Text),
        ["profile.employeeCount"] = (KarteLevel.Company, KarteItemType.Integer),
        ["profile.yearFounded"] = (KarteLevel.Company, KarteItemType.Integer),
        ["profile.revenue"] = (KarteLevel.Company, KarteItemType.Money),
        ["profile.capital"] = (KarteLevel.Company, KarteItemType.Money),
        ["profile.fiscalClosingMonth"] = (KarteLevel.Company, KarteItemType.Integer),
        ["profile.existingCustomerCount"] = (KarteLevel.Company, KarteItemType.Integer),
        ["profile.customerSegments"] = (KarteLevel.Company, KarteItemType.Tags),
        ["company.businessPolicy"] = (KarteLevel.Company, KarteItemType.LongText),
        ["company.strengths"] = (KarteLevel.Company, KarteItemType.LongText),
        ["company.challenges"] = (KarteLevel.Company, KarteItemType.LongText),
        ["company.focusTags"] = (KarteLevel.Company, KarteItemType.Tags),
        ["contract.type"] = (KarteLevel.Company, KarteItemType.Choice),
        ["contract.start"] = (KarteLevel.Company, KarteItemType.Date),
        ["contract.term"] = (KarteLevel.Company, KarteItemType.Integer),
        ["contract.commissionRate"] = (KarteLevel.Company, KarteItemType.Percent),
        ["contract.commissionReviewDate"] = (KarteLevel.Company, KarteItemType.Date),
        ["contract.salesConditions"] = (KarteLevel.Company, KarteItemType.LongText),
        ["history.proposals"] = (KarteLevel.Company, KarteItemType.Integer),
        ["history.lossReasons"] = (KarteLevel.Company, KarteItemType.Text),
        ["rep.name"] = (KarteLevel.Rep, KarteItemType.Text),
        ["rep.nameKana"] = (KarteLevel.Rep, KarteItemType.Text),
        ["rep.title"] = (KarteLevel.Rep, KarteItemType.Text),
        ["rep.department"] = (KarteLevel.Rep, KarteItemType.Text),
        ["rep.email"] = (KarteLevel.Rep, KarteItemType.Text),
        ["rep.phone"] = (KarteLevel.Rep, KarteItemType.Text),
        ["rep.expertise"] = (KarteLevel.Rep, KarteItemType.Tags),
        ["rep.interests"] = (KarteLevel.Rep, KarteItemType.Tags),
        ["rep.personality"] = (KarteLevel.Rep, KarteItemType.Text),
        ["rep.owner"] = (KarteLevel.Rep, KarteItemType.Text),
        ["rep.employment"] = (KarteLevel.Rep, KarteItemType.Text),
        ["history.interactions"] = (KarteLevel.Rep, KarteItemType.Integer),
    };

    public static IEnumerable<string> Keys => Items.Keys;

    public static bool TryGet(string key, out KarteLevel level, out KarteItemType type)
    {
        if (Items.TryGetValue(key, out var v))
        {
            (level, type) = v;
            return true;
        }

        (level, type) = (default, default);
        return false;
    }

    /// <summary>Whether a company has a built-in item filled in.</summary>
    /// <param name="key">The built-in key.</param>
    /// <param name="c">The company.</param>
    /// <param name="proposalCount">Proposals recorded for the company, any period.</param>
    /// <param name="lostWithoutReason">Lost proposals with no loss reason recorded.</param>
    public static bool IsFilled(string key, PartnerCompany c, int proposalCount, int lostWithoutReason) => key switch
    {
        "company.name" => !string.IsNullOrWhiteSpace(c.Name),
        "company.nameKana" => !string.IsNullOrWhiteSpace(c.NameKana),
        "company.corporateNumber" => !string.IsNullOrWhiteSpace(c.CorporateNumber),
        "company.owner" => c.OwnerId is { Value: { Length: > 0 } },
        "profile.industry" => !string.IsNullOrWhiteSpace(c.Profile.Industry),
        "profile.prefecture" => !string.IsNullOrWhiteSpace(c.Profile.Prefecture),
        "profile.address" => !string.IsNullOrWhiteSpace(c.Profile.Address),
        "profile.employeeCount" => c.Profile.EmployeeCount is not null,
        "profile.yearFounded" => c.Profile.YearFounded is not null,
        "profile.revenue" => c.Profile.Revenue is not null,
        "profile.capital" => c.Profile.Capital is not null,
        "profile.fiscalClosingMonth" => c.Profile.FiscalClosingMonth is not null,
        "profile.existingCustomerCount" => c.Profile.ExistingCustomerCount is not null,
        "profile.customerSegments" => c.Profile.CustomerSegments.Count > 0,
        "company.businessPolicy" => !string.IsNullOrWhiteSpace(c.BusinessPolicy),
        "company.strengths" => !string.IsNullOrWhiteSpace(c.Strengths),
        "company.challenges" => !string.IsNullOrWhiteSpace(c.Challenges),
        "company.focusTags" => c.FocusTags.Count > 0,
        "contract.type" or "contract.start" => c.Contract is not null,
        "contract.term" => c.Contract is { } k && (k.TermMonths is not null || k.End is not null),
        "contract.commissionRate" => c.Contract?.CommissionRatePercent is not null,
        "contract.commissionReviewDate" => c.Contract?.CommissionReviewDate is not null,
        "contract.salesConditions" => !string.IsNullOrWhiteSpace(c.Contract?.SalesConditions),
        "history.proposals" => proposalCount > 0,
        // Vacuously filled when nothing was lost: there is no reason to record.
        "history.lossReasons" => lostWithoutReason == 0,
        _ => false,
    };

    /// <summary>Whether a rep has a built-in item filled in.</summary>
    /// <param name="key">The built-in key.</param>
    /// <param name="r">The rep.</param>
    /// <param name="hasInteractions">Whether any interaction with the rep is recorded.</param>
    public static bool IsFilled(string key, PartnerRep r, bool hasInteractions) => key switch
    {
        "rep.name" => !string.IsNullOrWhiteSpace(r.Name.FamilyName),
        "rep.nameKana" => !string.IsNullOrWhiteSpace(r.Name.Kana),
        "rep.title" => !string.IsNullOrWhiteSpace(r.Title),
        "rep.department" => !string.IsNullOrWhiteSpace(r.Department),
        "rep.email" => !string.IsNullOrWhiteSpace(r.Email),
        "rep.phone" => !string.IsNullOrWhiteSpace(r.Phone),
        "rep.expertise" => r.ExpertiseTags.Count > 0,
        "rep.interests" => r.InterestTags.Count > 0,
        "rep.personality" => r.Personality.Disc is not null || r.Personality.Mbti is not null,
        "rep.owner" => r.OwnerId is { Value: { Length: > 0 } },
        "rep.employment" => r.Employment.Count > 0,
        "history.interactions" => hasInteractions,
        _ => false,
    };
}
