using System.Text.Json;
using PartnerKarte.Text;

namespace PartnerKarte.Migration;

/// <summary>
/// Maps spreadsheet headers to karte fields. Headers are compared by <see cref="JapaneseText.ToMatchKey"/>,
/// so ﾒｰﾙｱﾄﾞﾚｽ, メールアドレス and "E-Mail " find the same column. <see cref="Default"/> knows the common
/// Japanese and English headers; a JSON mapping file adds or overrides entries.
/// </summary>
public sealed class ImportMapping
{
    private readonly Dictionary<string, ImportColumn> columns;

    private ImportMapping(Dictionary<string, ImportColumn> columns) => this.columns = columns;

    /// <summary>The built-in presets for Japanese and English headers.</summary>
    public static ImportMapping Default { get; } = new(BuildPresets());

    /// <summary>How the header is imported, or <see langword="null"/> when the mapping does not know it.</summary>
    /// <param name="header">The header as written in the file.</param>
    /// <returns>The column mapping.</returns>
    public ImportColumn? Find(string header) =>
        columns.TryGetValue(JapaneseText.ToMatchKey(header), out var column) ? column : null;

    /// <summary>A copy of this mapping with the entries of a JSON mapping file added or overriding.</summary>
    /// <param name="json">
    /// <c>{ "columns": { "取引先名": "CompanyName", "顧客満足度": "custom:satisfaction", "備考": "ignore" } }</c>:
    /// values are <see cref="ImportField"/> names (case-insensitive), <c>custom:KEY</c> for a template item, or <c>ignore</c>.
    /// </param>
    /// <param name="source">Names the file in error messages.</param>
    /// <returns>The combined mapping.</returns>
    /// <exception cref="ImportMappingException">The JSON is malformed or names an unknown field.</exception>
    public ImportMapping With(string json, string source = "mapping")
    {
        ArgumentNullException.ThrowIfNull(json);
        var merged = new Dictionary<string, ImportColumn>(columns, StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("columns", out var map) || map.ValueKind != JsonValueKind.Object)
            {
                throw new ImportMappingException(source, "columns", "the mapping needs a \"columns\" object");
            }

            foreach (var entry in map.EnumerateObject())
            {
                var target = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : string.Empty;
                merged[JapaneseText.ToMatchKey(entry.Name)] = ParseTarget(source, entry.Name, target);
            }
        }
        catch (JsonException e)
        {
            throw new ImportMappingException(source, null, "the mapping is not valid JSON: " + e.Message, e);
        }

        return new ImportMapping(merged);
    }

    /// <summary>The default mapping with a JSON mapping file added (see <see cref="With"/>).</summary>
    /// <param name="json">The mapping JSON.</param>
    /// <param name="source">Names the file in error messages.</param>
    /// <returns>The mapping.</returns>
    public static ImportMapping FromJson(string json, string source = "mapping") => Default.With(json, source);

    private static ImportColumn ParseTarget(string source, string header, string target)
    {
        if (target.StartsWith("custom:", StringComparison.OrdinalIgnoreCase) && target.Length > 7)
        {
            return new ImportColumn(ImportField.CustomItem, target[7..].Trim());
        }

        if (Enum.TryParse<ImportField>(target, ignoreCase: true, out var field) && Enum.IsDefined(field) && field != ImportField.CustomItem)
        {
            return new ImportColumn(field);
        }

        throw new ImportMappingException(source, header, "unknown target field; use an ImportField name, custom:KEY or ignore");
    }

    private static Dictionary<string, ImportColumn> BuildPresets()
    {
        var presets = new Dictionary<string, ImportColumn>(StringComparer.Ordinal);
        void Add(ImportField field, params string[] headers)
        {
            foreach (var h in headers)
            {
                presets[JapaneseText.ToMatchKey(h)] = new ImportColumn(field);
            }
        }

        Add(ImportField.CompanyId, "会社ID", "取引先ID", "企業ID", "パートナーID", "Company ID", "Account ID", "Partner ID");
        Add(ImportField.CompanyName, "会社名", "企業名", "取引先名", "パートナー名", "代理店名", "法人名", "社名", "Company", "Company Name", "Account Name", "Partner", "Partner Name");
        Add(ImportField.CompanyNameKana, "会社名カナ", "会社名(カナ)", "会社名フリガナ", "企業名カナ", "取引先名カナ", "フリガナ(会社)", "Company Kana", "Company Name Kana");
        Add(ImportField.CorporateNumber, "法人番号", "Corporate Number", "Corporate No");
        Add(ImportField.Industry, "業種", "業界", "Industry");
        Add(ImportField.Prefecture, "都道府県", "Prefecture");
        Add(ImportField.Address, "所在地", "住所", "本社所在地", "Address", "Location");
        Add(ImportField.EmployeeCount, "従業員数", "従業員規模", "社員数", "Employees", "Employee Count", "Number of Employees");
        Add(ImportField.YearFounded, "設立年", "設立", "創業年", "Founded", "Year Founded");
        Add(ImportField.Revenue, "売上", "売上高", "年商", "Revenue", "Annual Revenue", "Sales");
        Add(ImportField.Capital, "資本金", "Capital");
        Add(ImportField.FiscalClosingMonth, "決算月", "決算期", "Fiscal Month", "Fiscal Closing Month", "Fiscal Year End");
        Add(ImportField.ExistingCustomerCount, "既存顧客数", "顧客数", "Customer Count", "Existing Customers");
        Add(ImportField.CustomerSegments, "顧客属性", "主要顧客", "Customer Segments");
        Add(ImportField.Domain, "URL", "ホームページ", "Webサイト", "ウェブサイト", "ドメイン", "Website", "Web Site", "Domain");
        Add(ImportField.BusinessPolicy, "事業方針", "Business Policy");
        Add(ImportField.Strengths, "強み", "Strengths");
        Add(ImportField.Challenges, "課題", "弱み", "Challenges");
        Add(ImportField.ContractType, "契約形態", "契約種別", "Contract Type");
        Add(ImportField.ContractStart, "契約開始日", "契約日", "Contract Start", "Contract Start Date");
        Add(ImportField.ContractTermMonths, "契約期間", "Contract Term", "Term (months)", "Contract Term Months");
        Add(ImportField.ContractEnd, "契約終了日", "Contract End", "Contract End Date");
        Add(ImportField.ContractAutoRenew, "自動更新", "Auto Renew", "Auto Renewal");
        Add(ImportField.CommissionRate, "手数料率", "手数料", "マージン率", "Commission", "Commission Rate", "Commission Rate (%)");
        Add(ImportField.SalesConditions, "販売条件", "取引条件", "Sales Conditions");
        Add(ImportField.RepId, "担当者ID", "Contact ID", "Rep ID");
        Add(ImportField.RepName, "担当者名", "担当者", "氏名", "名前", "Contact", "Contact Name", "Rep", "Rep Name", "Name", "Full Name");
        Add(ImportField.RepFamilyName, "姓", "Last Name", "Family Name", "Surname");
        Add(ImportField.RepGivenName, "名", "First Name", "Given Name");
        Add(ImportField.RepNameKana, "氏名カナ", "担当者名カナ", "フリガナ", "ふりがな", "氏名(カナ)", "Name Kana", "Contact Kana");
        Add(ImportField.RepFamilyNameKana, "セイ", "姓カナ", "Last Name Kana");
        Add(ImportField.RepGivenNameKana, "メイ", "名カナ", "First Name Kana");
        Add(ImportField.RepTitle, "役職", "肩書", "Title", "Job Title");
        Add(ImportField.RepDepartment, "部署", "部署名", "所属", "Department");
        Add(ImportField.RepEmail, "メールアドレス", "メール", "Eメール", "E-mail", "Email", "Email Address", "Mail");
        Add(ImportField.RepPhone, "電話番号", "電話", "TEL", "携帯電話", "携帯", "Phone", "Phone Number", "Mobile", "Tel");
        Add(ImportField.RepExpertise, "得意分野", "得意領域", "専門", "Expertise", "Strong Areas");
        Add(ImportField.RepInterests, "関心", "関心分野", "興味", "Interests", "Interest Areas");
        Add(ImportField.Note, "備考", "メモ", "備考欄", "コメント", "特記事項", "Notes", "Note", "Memo", "Remarks", "Comments");
        Add(ImportField.Owner, "自社担当", "自社担当者", "当社担当", "当社担当者", "弊社担当", "弊社担当者", "営業担当", "担当営業", "パートナーマネージャー", "Owner", "Account Owner", "Partner Manager", "Our Owner");
        Add(ImportField.Disc, "DiSC", "DISC", "DiSC タイプ", "DiSCタイプ", "DiSC Style");
        Add(ImportField.Mbti, "MBTI", "MBTI タイプ", "MBTIタイプ", "MBTI Type");
        Add(ImportField.LastContact, "最終接触日", "最終接触", "最終コンタクト日", "最終訪問日", "最終面談日", "Last Contact", "Last Contact Date", "Last Contacted");
        Add(ImportField.NextAction, "次回アクション", "次のアクション", "ネクストアクション", "次回予定", "Next Action", "Next Step");
        Add(ImportField.NextActionDue, "期日", "次回アクション期日", "次回期日", "期限", "次回アクション期限", "Due", "Due Date", "Next Action Due");
        Add(ImportField.ProposalId, "提案ID", "案件ID", "商談ID", "Proposal ID", "Opportunity ID", "Deal ID");
        Add(ImportField.ProposalOffer, "提案名", "提案内容", "案件名", "商談名", "商材", "Proposal", "Offer", "Opportunity", "Opportunity Name", "Deal Name");
        Add(ImportField.ProposalAmount, "金額", "提案金額", "受注金額", "見込金額", "Amount", "Deal Amount");
        Add(ImportField.ProposalGrossProfit, "粗利", "粗利額", "Gross Profit");
        Add(ImportField.ProposalStage, "ステージ", "フェーズ", "進捗", "Stage", "Phase");
        Add(ImportField.ProposalOutcome, "結果", "受注結果", "受注可否", "Outcome", "Result");
        Add(ImportField.ProposalCreatedOn, "提案日", "作成日", "起票日", "Proposed On", "Created", "Created On", "Proposal Date");
        Add(ImportField.ProposalClosedOn, "完了日", "受注日", "失注日", "クローズ日", "Closed On", "Close Date");
        Add(ImportField.LossReason, "失注理由", "Loss Reason");
        Add(ImportField.InteractionId, "接触ID", "履歴ID", "活動ID", "Interaction ID", "Activity ID");
        Add(ImportField.InteractionDate, "接触日", "日付", "日時", "実施日", "対応日", "Date", "Contact Date", "Occurred At");
        Add(ImportField.InteractionChannel, "手段", "接触手段", "チャネル", "種別", "Channel", "Type");
        Add(ImportField.InteractionSummary, "内容", "やりとり", "会話内容", "議事録", "要旨", "Summary", "Details", "Statements");
        Add(ImportField.Ignore, "No", "No.", "#");
        foreach (var h in new[] { "信頼度", "信頼", "信頼ランク", "信頼度（手入力）", "Trust", "Trust Level", "Manual Trust" })
        {
            // A trust level kept by hand is carried over as a note on the rep's karte, apart from the computed trust score.
            presets[JapaneseText.ToMatchKey(h)] = new ImportColumn(ImportField.CustomItem, "rep.manualTrust");
        }

        return presets;
    }
}
