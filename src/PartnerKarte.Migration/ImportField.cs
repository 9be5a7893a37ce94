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
    /// <summary>備考 / メモ: the rep's note (<c>rep.note</c>) on a row with a rep, else the company's note (<c>company.note</c>).</summary>
    Note,
    /// <summary>自社担当: our owner of the company (and of the row's rep), by user id or by name (see <see cref="ImportOptions.Existing"/>).</summary>
    Owner,
    /// <summary>DiSC (D, I, S, C; 主導/感化/安定/慎重 are understood).</summary>
    Disc,
    /// <summary>MBTI (four letters such as ENTJ).</summary>
    Mbti,
    /// <summary>最終接触日: becomes a contact history entry (interaction) of the row's rep on that date.</summary>
    LastContact,
    /// <summary>次回アクション: the next action of the row's last contact (or of a contact history row).</summary>
    NextAction,
    /// <summary>次回アクションの期日.</summary>
    NextActionDue,
    /// <summary>提案ID (proposals sheet).</summary>
    ProposalId,
    /// <summary>提案名 / 商材: what was proposed (proposals sheet).</summary>
    ProposalOffer,
    /// <summary>金額 (proposals sheet; 万 and 億 are understood).</summary>
    ProposalAmount,
    /// <summary>粗利 (proposals sheet).</summary>
    ProposalGrossProfit,
    /// <summary>ステージ (リード, 提案, 交渉, 完了 …; proposals sheet).</summary>
    ProposalStage,
    /// <summary>結果 (受注, 失注, 進行中; proposals sheet).</summary>
    ProposalOutcome,
    /// <summary>提案日 / 作成日 (proposals sheet).</summary>
    ProposalCreatedOn,
    /// <summary>受注日 / 失注日 / 完了日 (proposals sheet).</summary>
    ProposalClosedOn,
    /// <summary>失注理由 (proposals sheet; the category is guessed from the words, the text is kept as the note).</summary>
    LossReason,
    /// <summary>接触ID (contact history sheet).</summary>
    InteractionId,
    /// <summary>接触日 / 日時 (contact history sheet).</summary>
    InteractionDate,
    /// <summary>手段 (訪問, Web会議, 電話, メール, チャット …; contact history sheet).</summary>
    InteractionChannel,
    /// <summary>内容: what was said (contact history sheet).</summary>
    InteractionSummary,
}
