using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Testing;

/// <summary>A task an <see cref="InMemoryKarteConnector"/> holds: created by a handover operation or a follow-up task write.</summary>
/// <param name="Key">The idempotency key: the operation id, or <see cref="FollowUpTask.Key"/>.</param>
/// <param name="RecordKind">The kind of record the task regards.</param>
/// <param name="RecordId">That record's karte id.</param>
/// <param name="OwnerId">Who the task is assigned to (for a follow-up task, the rep's owner).</param>
/// <param name="Subject">The subject.</param>
/// <param name="Description">The description or reason.</param>
/// <param name="Due">The due date.</param>
/// <param name="IsOpen">Whether the task is still open.</param>
public sealed record InMemoryTask(string Key, KarteRecordKind RecordKind, string RecordId, UserId? OwnerId, string Subject, string? Description, DateOnly? Due, bool IsOpen);
