namespace PartnerKarte.Migration;

/// <summary>What an import does with a record the matcher finds to be a duplicate (<c>--on-duplicate</c>).</summary>
public enum DuplicateHandling
{
    /// <summary>Merge into the first record: its empty fields are filled from the duplicate, tags are united.</summary>
    Merge = 0,
    /// <summary>Keep the first record as it is and drop the duplicate (reported).</summary>
    Skip = 1,
    /// <summary>Quarantine the row holding the duplicate.</summary>
    Fail = 2,
}
