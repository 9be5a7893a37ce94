using PartnerKarte.Karte;

namespace PartnerKarte.Handover;

/// <summary>The result of applying a plan to a karte data set.</summary>
/// <param name="Data">The new data set.</param>
/// <param name="CreatedTasks">Tasks created by this application (none when they already existed).</param>
/// <param name="Applied">Operations that changed something.</param>
/// <param name="Unchanged">Operations whose target state was already in place (e.g. a second application).</param>
/// <param name="Conflicts">Operations that could not be applied: the record is missing or changed since planning.</param>
public sealed record HandoverApplication(
    KarteDataSet Data,
    IReadOnlyList<KarteTask> CreatedTasks,
    IReadOnlyList<HandoverOperation> Applied,
    IReadOnlyList<HandoverOperation> Unchanged,
    IReadOnlyList<HandoverConflict> Conflicts);
