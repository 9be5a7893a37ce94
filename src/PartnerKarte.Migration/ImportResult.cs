using PartnerKarte.Karte;

namespace PartnerKarte.Migration;

/// <summary>The outcome of an import: the kartes to write and the report.</summary>
/// <param name="Data">Companies and reps to upsert (new ones and updated existing ones); empty when strict mode failed.</param>
/// <param name="Report">The plan and summary.</param>
public sealed record ImportResult(KarteDataSet Data, ImportReport Report)
{
    /// <summary>The report's summary line (the data set's records are not written out).</summary>
    /// <returns>The summary line.</returns>
    public override string ToString() => Report.ToString();
}
