using System.Globalization;
using PartnerKarte.Karte;

namespace PartnerKarte.Migration;

/// <summary>
/// Writes kartes as CSV files a spreadsheet opens and <see cref="KarteImporter"/> reads back: 会社.csv, 担当者.csv, 提案.csv
/// and 接触履歴.csv, with Japanese headers the importer recognises, ids so that importing the files again updates the same
/// records, dates as yyyy/MM/dd (Japan time), and cells a spreadsheet would run as a formula neutralised
/// (<see cref="KarteCsv.Quote"/>). Importing what was exported gives the same kartes.
/// </summary>
public static class KarteSheetExport
{
    private static readonly string[] CompanyHeaders =
    [
        "会社ID", "会社名", "会社名カナ", "法人番号", "業種", "都道府県", "所在地", "従業員数", "設立年", "売上高", "資本金", "決算月", "既存顧客数",
        "顧客属性", "URL", "事業方針", "強み", "課題", "契約形態", "契約開始日", "契約期間", "契約終了日", "自動更新", "手数料率", "販売条件", "自社担当",
    ];

    private static readonly string[] RepHeaders =
    [
        "担当者ID", "会社ID", "会社名", "姓", "名", "セイ", "メイ", "役職", "部署", "メールアドレス", "電話番号", "得意分野", "関心", "DiSC", "MBTI", "自社担当",
    ];

    private static readonly string[] ProposalHeaders =
    [
        "提案ID", "会社ID", "会社名", "担当者ID", "提案名", "金額", "粗利", "ステージ", "結果", "提案日", "完了日", "失注理由", "自社担当",
    ];

    private static readonly string[] InteractionHeaders =
    [
        "接触ID", "担当者ID", "会社ID", "接触日", "手段", "内容", "次回アクション", "期日", "自社担当",
    ];

    /// <summary>The file name of a sheet (会社.csv, 担当者.csv, 提案.csv, 接触履歴.csv).</summary>
    /// <param name="sheet">The sheet.</param>
    /// <returns>The file name.</returns>
    public static string FileName(KarteExportSheet sheet) => sheet switch
    {
        KarteExportSheet.Reps => "担当者.csv",
        KarteExportSheet.Proposals => "提案.csv",
        KarteExportSheet.Interactions => "接触履歴.csv",
        _ => "会社.csv",
    };

    /// <summary>Writes one sheet of the kartes as CSV.</summary>
    /// <param name="data">The kartes.</param>
    /// <param name="sheet">Which sheet.</param>
    /// <param name="writer">Where to write (the caller picks the encoding; UTF-8 with BOM opens well in Excel).</param>
    /// <param name="template">The template whose custom items become columns (labelled in Japanese); <see cref="KarteTemplate.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels between rows.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteAsync(KarteDataSet data, KarteExportSheet sheet, TextWriter writer, KarteTemplate? template = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(writer);
        template ??= KarteTemplate.Default;
        var owners = data.TeamMembers.GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.First().Name);
        var companyNames = data.Companies.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First().Name);
        string Owner(UserId? id) => id is { } u ? owners.GetValueOrDefault(u) ?? u.Value : string.Empty;
        string CompanyName(CompanyId id) => companyNames.GetValueOrDefault(id) ?? string.Empty;

        async Task Line(IEnumerable<string?> cells)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(string.Join(',', cells.Select(KarteCsv.Quote))).ConfigureAwait(false);
        }

        switch (sheet)
        {
            case KarteExportSheet.Companies:
            {
                var items = template.ItemsFor(KarteLevel.Company).Where(i => i.Source == KarteItemSource.Custom).ToList();
                await Line(CompanyHeaders.Concat(items.Select(i => i.Label.Ja))).ConfigureAwait(false);
                foreach (var c in data.Companies)
                {
                    var p = c.Profile;
                    var k = c.Contract;
                    await Line(new[]
                    {
                        c.Id.Value, c.Name, c.NameKana, c.CorporateNumber, p.Industry, p.Prefecture, p.Address, Number(p.EmployeeCount), Number(p.YearFounded),
                        Number(p.Revenue), Number(p.Capital), Number(p.FiscalClosingMonth), Number(p.ExistingCustomerCount), string.Join("、", p.CustomerSegments), p.Domain,
                        c.BusinessPolicy, c.Strengths, c.Challenges, k is null ? null : ContractType(k.Type), Date(k?.Start), Number(k?.TermMonths), Date(k?.End),
                        k is null ? null : k.AutoRenew ? "あり" : "なし", Number(k?.CommissionRatePercent), k?.SalesConditions, Owner(c.OwnerId),
                    }.Concat(items.Select(i => Value(i, c.CustomItems)))).ConfigureAwait(false);
                }

                break;
            }

            case KarteExportSheet.Reps:
            {
                var items = template.ItemsFor(KarteLevel.Rep).Where(i => i.Source == KarteItemSource.Custom).ToList();
                await Line(RepHeaders.Concat(items.Select(i => i.Label.Ja))).ConfigureAwait(false);
                foreach (var r in data.Reps)
                {
                    await Line(new[]
                    {
                        r.Id.Value, r.CompanyId.Value, CompanyName(r.CompanyId), r.Name.FamilyName, r.Name.GivenName, r.Name.FamilyNameKana, r.Name.GivenNameKana,
                        r.Title, r.Department, r.Email, r.Phone, string.Join("、", r.ExpertiseTags), string.Join("、", r.InterestTags),
                        r.Personality.Disc?.ToString(), r.Personality.Mbti?.Code, Owner(r.OwnerId),
                    }.Concat(items.Select(i => Value(i, r.CustomItems)))).ConfigureAwait(false);
                }

                break;
            }

            case KarteExportSheet.Proposals:
                await Line(ProposalHeaders).ConfigureAwait(false);
                foreach (var p in data.Proposals)
                {
                    await Line(
                    [
                        p.Id.Value, p.CompanyId.Value, CompanyName(p.CompanyId), p.RepId?.Value, p.Offer, Number(p.Amount), Number(p.GrossProfit), Stage(p.Stage),
                        Outcome(p.Outcome), Date(p.CreatedOn), Date(p.ClosedOn), p.LossReason?.Note, Owner(p.OwnerId),
                    ]).ConfigureAwait(false);
                }

                break;

            default:
                var repCompanies = data.Reps.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First().CompanyId);
                await Line(InteractionHeaders).ConfigureAwait(false);
                foreach (var i in data.Interactions)
                {
                    await Line(
                    [
                        i.Id.Value, i.RepId.Value, repCompanies.TryGetValue(i.RepId, out var cid) ? cid.Value : null,
                        i.OccurredAt.ToOffset(ImportValues.JapanOffset).ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture), Channel(i.Channel), i.Statements,
                        i.NextAction?.What, i.NextAction?.Due is { } due ? due.ToOffset(ImportValues.JapanOffset).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) : null,
                        Owner(i.UserId),
                    ]).ConfigureAwait(false);
                }

                break;
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    private static string? Number(decimal? n) => n?.ToString(CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? d) => d?.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);

    private static string ContractType(ContractType type) => type switch
    {
        Karte.ContractType.Resale => "再販",
        Karte.ContractType.Oem => "OEM",
        _ => "紹介",
    };

    private static string Stage(ProposalStage stage) => stage switch
    {
        ProposalStage.Lead => "リード",
        ProposalStage.Qualified => "検討",
        ProposalStage.Negotiation => "交渉",
        ProposalStage.Closed => "完了",
        _ => "提案",
    };

    private static string Outcome(ProposalOutcome outcome) => outcome switch
    {
        ProposalOutcome.Won => "受注",
        ProposalOutcome.Lost => "失注",
        _ => "進行中",
    };

    private static string Channel(InteractionChannel channel) => channel switch
    {
        InteractionChannel.Meeting => "訪問",
        InteractionChannel.WebMeeting => "Web会議",
        InteractionChannel.Call => "電話",
        InteractionChannel.Email => "メール",
        InteractionChannel.Chat => "チャット",
        InteractionChannel.Event => "イベント",
        InteractionChannel.Meal => "会食",
        _ => "その他",
    };

    private static string? Value(KarteItemDefinition item, IReadOnlyDictionary<string, KarteValue> values)
    {
        if (!values.TryGetValue(item.Key, out var v) || v is null)
        {
            return null;
        }

        return v.Type switch
        {
            KarteItemType.Boolean => v.Boolean switch { true => "はい", false => "いいえ", null => null },
            KarteItemType.Date => Date(v.Date),
            KarteItemType.Choice => v.Text,
            KarteItemType.MultiChoice or KarteItemType.Tags => string.Join("、", v.Items),
            _ => v.ToString(),
        };
    }
}
