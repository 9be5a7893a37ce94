namespace PartnerKarte.Targeting;

/// <summary>An employee size band (従業員規模), inclusive at both ends.</summary>
/// <param name="Min">Smallest employee count in the band.</param>
/// <param name="Max">Largest employee count, or <see langword="null"/> for no upper bound.</param>
public sealed record EmployeeSizeBand(int Min, int? Max = null)
{
    /// <summary>Whether an employee count falls in the band.</summary>
    /// <param name="employees">The count.</param>
    /// <returns><see langword="true"/> when inside.</returns>
    public bool Contains(int employees) => employees >= Min && (Max is null || employees <= Max);

    /// <inheritdoc />
    public override string ToString() => Max is null ? $"{Min}+" : $"{Min}-{Max}";
}
