namespace PartnerKarte.Console.Report;

/// <summary>The average trust score of the rated reps at one month end, and how many were rated.</summary>
internal sealed record TrustTrendPoint(DateOnly MonthEnd, double? AverageScore, int Rated, int Unrated);
