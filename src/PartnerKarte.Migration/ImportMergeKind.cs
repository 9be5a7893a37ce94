namespace PartnerKarte.Migration;

/// <summary>What an import did with a record that matched another.</summary>
public enum ImportMergeKind
{
    /// <summary>A company written differently (株式会社/(株), width, kana) was merged into the first one.</summary>
    CompanyMerged = 0,
    /// <summary>A rep found again (same email, or same name at the same company) was merged.</summary>
    RepMerged = 1,
    /// <summary>A company matched one already in the target store and updates it.</summary>
    CompanyUpdatesExisting = 2,
    /// <summary>A rep matched one already in the target store and updates it.</summary>
    RepUpdatesExisting = 3,
    /// <summary>The duplicate was dropped (<see cref="DuplicateHandling.Skip"/>).</summary>
    Skipped = 4,
    /// <summary>Not merged: a similar record scored between <see cref="ImportOptions.ReviewThreshold"/> and the merge threshold
    /// (or is at another company); listed for review. <see cref="ImportMerge.SurvivorId"/> is the similar record's id.</summary>
    Candidate = 5,
}
