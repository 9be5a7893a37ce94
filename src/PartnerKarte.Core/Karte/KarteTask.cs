namespace PartnerKarte.Karte;

/// <summary>
/// A task for our team, such as "introduce the successor" after a handover (タスク). Ids are deterministic
/// (derived from what created the task), so creating the same task twice is recognised and skipped.
/// </summary>
public sealed record KarteTask
{
    /// <summary>The task's id, deterministic for generated tasks (e.g. <c>handover:u1:introduce:r7</c>).</summary>
    public required string Id { get; init; }

    /// <summary>A stable code of the kind of task, e.g. <c>introduce-successor</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The subject line.</summary>
    public required string Subject { get; init; }

    /// <summary>Details, e.g. why the task exists.</summary>
    public string? Description { get; init; }

    /// <summary>Our team member who should do it, when known.</summary>
    public UserId? AssigneeId { get; init; }

    /// <summary>The partner rep the task is about.</summary>
    public RepId? RepId { get; init; }

    /// <summary>The partner company the task is about.</summary>
    public CompanyId? CompanyId { get; init; }

    /// <summary>When it is due.</summary>
    public DateOnly? Due { get; init; }

    /// <summary>When it was done, or <see langword="null"/> while open.</summary>
    public DateTimeOffset? DoneAt { get; init; }
}
