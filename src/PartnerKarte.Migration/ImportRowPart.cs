namespace PartnerKarte.Migration;

/// <summary>Which part of a spreadsheet row a rejection concerns: a row may hold a company, a rep and their history,
/// and a bad rep part does not reject the company part.</summary>
public enum ImportRowPart
{
    /// <summary>行全体 — the whole row (blank company name, a duplicate refused by <c>--on-duplicate fail</c>, …): nothing of it was imported.</summary>
    Row = 0,

    /// <summary>会社 — the company part; nothing of the row was imported.</summary>
    Company,

    /// <summary>担当者 — the rep part; the row's company was imported without it.</summary>
    Rep,

    /// <summary>提案 — a proposal row (proposals sheet).</summary>
    Proposal,

    /// <summary>接触履歴 — a contact history entry (contact history sheet, or 最終接触日/次回アクション of a rep row).</summary>
    Interaction,
}
