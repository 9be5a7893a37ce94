using PartnerKarte.Karte;

namespace PartnerKarte.SampleData;

/// <summary>
/// What the sample generator drew a rep's history from, never written into the records: ground truth for measuring how
/// well a score or an alert recovers it.
/// </summary>
/// <param name="RepId">The rep.</param>
/// <param name="Type">The hidden behaviour type.</param>
/// <param name="CoolingFrom">When the relationship started going quiet (a cooling episode), or <see langword="null"/>.</param>
/// <param name="ActiveUntil">The last day the rep can appear in interactions (leaving, a transfer or leave ends it earlier than the end of the history).</param>
public sealed record SampleRepTruth(RepId RepId, SampleRepType Type, DateTimeOffset? CoolingFrom, DateOnly ActiveUntil);
