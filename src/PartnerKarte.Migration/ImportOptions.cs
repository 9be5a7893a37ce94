using PartnerKarte.Karte;
using PartnerKarte.Text;

namespace PartnerKarte.Migration;

/// <summary>Options of a spreadsheet import. Checked by <see cref="Validate"/> before any row is read.</summary>
public sealed class ImportOptions
{
    /// <summary>The file encoding (<c>--encoding</c>); detected by default.</summary>
    public ImportEncoding Encoding { get; set; } = ImportEncoding.Auto;

    /// <summary>The column mapping (<c>--mapping</c>); the Japanese/English presets by default.</summary>
    public ImportMapping Mapping { get; set; } = ImportMapping.Default;

    /// <summary>The karte template (<see cref="KarteTemplate.Default"/> unless set): columns whose header is a template item's
    /// key or label — or a part of the label, 温度感 for 自社への関心度（温度感） — become custom items.</summary>
    public KarteTemplate? Template { get; set; } = KarteTemplate.Default;

    /// <summary>The clock: a 次回アクション with no 最終接触日 hangs on a contact history entry dated the day of the import (or its due date when earlier).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>What to do with duplicates (<c>--on-duplicate</c>).</summary>
    public DuplicateHandling OnDuplicate { get; set; } = DuplicateHandling.Merge;

    /// <summary>Any rejected row fails the whole import before anything is written (<c>--strict</c>).</summary>
    public bool Strict { get; set; }

    /// <summary>The match score from which two records are the same; 0.5–1.</summary>
    public double MergeThreshold { get; set; } = KarteMatcher.DefaultMergeThreshold;

    /// <summary>From this match score up to the merge threshold, a similar record is listed as a <see cref="ImportMergeKind.Candidate"/> for review; 0.5 to <see cref="MergeThreshold"/>.</summary>
    public double ReviewThreshold { get; set; } = 0.6;

    /// <summary>Lines whose rows are never merged into another record (to reverse merges recorded in an earlier run's <see cref="ImportReport.Merges"/>).</summary>
    public IReadOnlyCollection<int> KeepSeparateLines { get; set; } = [];

    /// <summary>The records already in the target store: matches become updates of them instead of creates.</summary>
    public KarteDataSet? Existing { get; set; }

    /// <summary>Throws when an option is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    /// <exception cref="ArgumentNullException"><see cref="Mapping"/> is null.</exception>
    public void Validate()
    {
        if (Mapping is null)
        {
            throw new ArgumentNullException(nameof(Mapping), "ImportOptions.Mapping must be set.");
        }

        if (!Enum.IsDefined(Encoding))
        {
            throw new ArgumentOutOfRangeException(nameof(Encoding), Encoding, "ImportOptions.Encoding is not a known encoding.");
        }

        if (!Enum.IsDefined(OnDuplicate))
        {
            throw new ArgumentOutOfRangeException(nameof(OnDuplicate), OnDuplicate, "ImportOptions.OnDuplicate is not a known handling.");
        }

        if (double.IsNaN(MergeThreshold) || MergeThreshold is < 0.5 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MergeThreshold), MergeThreshold, "ImportOptions.MergeThreshold must be between 0.5 and 1.");
        }

        if (double.IsNaN(ReviewThreshold) || ReviewThreshold < 0.5 || ReviewThreshold > MergeThreshold)
        {
            throw new ArgumentOutOfRangeException(nameof(ReviewThreshold), ReviewThreshold, "ImportOptions.ReviewThreshold must be between 0.5 and ImportOptions.MergeThreshold.");
        }

        if (TimeProvider is null)
        {
            throw new ArgumentNullException(nameof(TimeProvider), "ImportOptions.TimeProvider must not be null.");
        }

        if (KeepSeparateLines is null)
        {
            throw new ArgumentNullException(nameof(KeepSeparateLines), "ImportOptions.KeepSeparateLines must not be null.");
        }
    }
}
