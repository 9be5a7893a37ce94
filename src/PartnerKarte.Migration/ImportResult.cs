using PartnerKarte.Karte;

namespace PartnerKarte.Migration;

/// <summary>The outcome of an import: the kartes to write and the report.</summary>
/// <param name="Data">Companies and reps to upsert (new ones and updated existing ones); empty when strict mode failed.</param>
/// <param name="Report">The plan and summary.</param>
public sealed record ImportResult(KarteDataSet Data, ImportReport Report);
