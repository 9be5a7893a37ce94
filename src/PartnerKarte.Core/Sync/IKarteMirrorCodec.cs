namespace PartnerKarte.Sync;

/// <summary>
/// How a calculator's inputs are kept in the karte mirror of the state store, and evaluated from it: the nightly sync
/// evaluates unchanged companies from these entries instead of reading them again. <see cref="KarteEnrichmentCalculator"/>
/// keeps a compact digest (what its formulas read); any other calculator gets the records themselves (<see cref="KarteMirror"/>).
/// </summary>
internal interface IKarteMirrorCodec
{
    /// <summary>One entry per company of the karte (key <c>c:</c> + id) and per rep without its company in it (<c>r:</c> + id).</summary>
    IEnumerable<KeyValuePair<string, byte[]>> Encode(KarteRecordBatch karte);

    /// <summary>
    /// A company's entry with some of its reps replaced by a fresh read of those reps (each with its interactions and
    /// proposals), or <see langword="null"/> when that cannot be done exactly (the sync then reads the whole company).
    /// </summary>
    byte[]? TryPatch(byte[] companyEntry, KarteRecordBatch reps);

    /// <summary>Evaluates entries as of an instant; entries that cannot be read are listed in <paramref name="damaged"/>, never guessed.</summary>
    IReadOnlyList<EnrichmentRecord> Evaluate(IReadOnlyList<KeyValuePair<string, byte[]>> entries, DateTimeOffset asOf, List<string> damaged);
}
