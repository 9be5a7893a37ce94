namespace PartnerKarte.Migration;

/// <summary>One sheet of a karte export (<see cref="KarteSheetExport"/>); each is one CSV file.</summary>
public enum KarteExportSheet
{
    /// <summary>会社.csv: one row per company.</summary>
    Companies = 0,

    /// <summary>担当者.csv: one row per rep, with its company's id and name.</summary>
    Reps,

    /// <summary>提案.csv: one row per proposal, with its company and rep.</summary>
    Proposals,

    /// <summary>接触履歴.csv: one row per contact history entry, with its rep and company.</summary>
    Interactions,
}
