namespace PartnerKarte.Emulators.Salesforce;

/// <summary>A relative date literal (TODAY, YESTERDAY, LAST_N_DAYS:n) as day offsets from today.</summary>
/// <param name="FromDays">First day, relative to today.</param>
/// <param name="ToDays">Last day, relative to today.</param>
public sealed record SoqlDateRange(int FromDays, int ToDays);
