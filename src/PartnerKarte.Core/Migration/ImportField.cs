namespace PartnerKarte.Migration;

/// <summary>The karte field a spreadsheet column is imported into.</summary>
public enum ImportField
{
    /// <summary>The column is read but not imported (and not reported as unknown).</summary>
    Ignore = 0,
    /// <summary>The company's own id in the source (取引先ID); otherwise ids are derived from the name.</summary>
    CompanyId,
    /// <summary>会社名 (required for every row).</summary>
    CompanyName,
    /// <summary>会社名カナ.</summary>
    CompanyNameKana,
    /// <summary>法人番号.</summary>
    CorporateNumber,
    /// <summary>業種.</summary>
    Industry,
    /// <summary>都道府県.</summary>
    Prefecture,
    /// <summary>所在地; the prefecture is taken from its start when no prefecture column exists.</summary>
    Address,
    /// <summary>従業員数.</summary>
    EmployeeCount,
    /// <summary>設立年.</summary>
    YearFounded,
    /// <summary>売上 (yen; 万 and 億 are understood).</summary>
    Revenue,
    /// <summary>資本金 (yen; 万 and 億 are understood).</summary>
    Capital,
    /// <summary>決算月 (1–12, "3月" is understood).</summary>
    FiscalClosingMonth,
    /// <summary>既存顧客数.</summary>
    ExistingCustomerCount,
    /// <summary>顧客属性 (separated by 、 , ; / or line breaks).</summary>
    CustomerSegments,
    /// <summary>Web site or domain (URL).</summary>
    Domain,
    /// <summary>事業方針.</summary>
    BusinessPolicy,
    /// <summary>強み.</summary>
    Strengths,
    /// <summary>課題.</summary>
    Challenges,
    /// <summary>契約形態 (紹介/再販/OEM, referral/resale/OEM).</summary>
    ContractType,
    /// <summary>契約開始日.</summary>
    ContractStart,
    /// <summary>契約期間 in months ("12", "12ヶ月", "1年").</summary>
    ContractTermMonths,
    /// <summary>契約終了日.</summary>
    ContractEnd,
    /// <summary>自動更新 (あり/なし, yes/no).</summary>
    ContractAutoRenew,
    /// <summary>手数料率 in percent ("15", "15%").</summary>
    CommissionRate,
    /// <summary>販売条件.</summary>
    SalesConditions,
    /// <summary>The rep's own id in the source; otherwise ids are derived from email or name.</summary>
    RepId,
    /// <summary>担当者名 / 氏名 as one field ("山田 太郎"; split at the first space).</summary>
    RepName,
    /// <summary>姓.</summary>
    RepFamilyName,
    /// <summary>名.</summary>
    RepGivenName,
    /// <summary>氏名カナ as one field.</summary>
    RepNameKana,
    /// <summary>セイ.</summary>
    RepFamilyNameKana,
    /// <summary>メイ.</summary>
    RepGivenNameKana,
    /// <summary>役職.</summary>
    RepTitle,
    /// <summary>部署.</summary>
    RepDepartment,
    /// <summary>メールアドレス.</summary>
    RepEmail,
    /// <summary>電話番号.</summary>
    RepPhone,
    /// <summary>得意分野 (tags).</summary>
    RepExpertise,
    /// <summary>関心 (tags).</summary>
    RepInterests,
    /// <summary>A custom karte item defined by the template; the key is in the mapping.</summary>
    CustomItem,
}
