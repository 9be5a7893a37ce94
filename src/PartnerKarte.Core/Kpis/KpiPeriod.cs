namespace PartnerKarte.Kpis;

/// <summary>A reporting period of whole days, both ends included (集計期間).</summary>
public readonly record struct KpiPeriod
{
    /// <summary>Creates a period.</summary>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day, on or after <paramref name="from"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public KpiPeriod(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The period must end on or after its start {from:yyyy-MM-dd}.");
        }

        From = from;
        To = to;
    }

    /// <summary>First day.</summary>
    public DateOnly From { get; }

    /// <summary>Last day (included).</summary>
    public DateOnly To { get; }

    /// <summary>Number of days in the period.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>Whether a day falls in the period.</summary>
    /// <param name="day">The day.</param>
    /// <returns><see langword="true"/> when <paramref name="day"/> is within the period.</returns>
    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>One calendar month.</summary>
    /// <param name="year">The year.</param>
    /// <param name="month">The month, 1–12.</param>
    /// <returns>The period.</returns>
    public static KpiPeriod Month(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return new KpiPeriod(first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>
    /// A Japanese-style fiscal year that ends in <paramref name="closingMonth"/> of <paramref name="endYear"/>;
    /// e.g. <c>FiscalYear(2026, 3)</c> is 2025-04-01 to 2026-03-31 (2025年度).
    /// </summary>
    /// <param name="endYear">The calendar year in which the fiscal year ends.</param>
    /// <param name="closingMonth">The fiscal closing month (決算月), 1–12.</param>
    /// <returns>The period.</returns>
    public static KpiPeriod FiscalYear(int endYear, int closingMonth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(closingMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(closingMonth, 12);
        var end = new DateOnly(endYear, closingMonth, 1).AddMonths(1).AddDays(-1);
        return new KpiPeriod(end.AddDays(1).AddYears(-1), end);
    }

    /// <summary>The <paramref name="days"/> days ending on <paramref name="asOf"/> (included).</summary>
    /// <param name="asOf">The last day.</param>
    /// <param name="days">Length, at least 1.</param>
    /// <returns>The period.</returns>
    public static KpiPeriod Trailing(DateOnly asOf, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        return new KpiPeriod(asOf.AddDays(1 - days), asOf);
    }

    /// <inheritdoc />
    public override string ToString() => $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}";
}
