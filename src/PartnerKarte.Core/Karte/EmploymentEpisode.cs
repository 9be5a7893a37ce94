namespace PartnerKarte.Karte;

/// <summary>
/// One period of a rep's employment (所属履歴). A transfer closes the current episode and opens a new one,
/// so the history of where a relationship lived is never overwritten.
/// </summary>
/// <param name="CompanyId">The partner company.</param>
/// <param name="Title">Title held (役職).</param>
/// <param name="Department">Department (部署).</param>
/// <param name="From">First day.</param>
/// <param name="To">Last day, or <see langword="null"/> while current.</param>
public sealed record EmploymentEpisode(CompanyId CompanyId, string? Title, string? Department, DateOnly From, DateOnly? To = null)
{
    /// <summary>Whether this is the current episode.</summary>
    public bool IsCurrent => To is null;
}
