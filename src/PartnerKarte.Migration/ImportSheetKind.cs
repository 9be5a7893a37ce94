namespace PartnerKarte.Migration;

/// <summary>What a sheet (or CSV file) of an import holds; recognised by its name, else by its headers.</summary>
public enum ImportSheetKind
{
    /// <summary>Companies, reps, or both on one row (会社, 担当者, 代理店管理表).</summary>
    Karte = 0,

    /// <summary>Proposals (提案, 案件, 商談): each row names its company and, optionally, its rep.</summary>
    Proposals,

    /// <summary>Contact history (接触履歴, 活動履歴, 対応履歴): each row names its rep (and company).</summary>
    Interactions,
}
