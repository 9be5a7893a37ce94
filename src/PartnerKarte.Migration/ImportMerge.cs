using PartnerKarte.Text;

namespace PartnerKarte.Migration;

/// <summary>One merge decision of an import, recorded so it can be reviewed and undone.</summary>
/// <param name="Kind">What was done.</param>
/// <param name="LineNumber">The line of the row whose record was merged.</param>
/// <param name="SurvivorId">The id of the record kept.</param>
/// <param name="MergedName">The name as written in the merged row (e.g. (株)サンプル商事), so a merge can be reversed.</param>
/// <param name="Score">The match score.</param>
/// <param name="Reasons">The matcher's reasons.</param>
public sealed record ImportMerge(ImportMergeKind Kind, int LineNumber, string SurvivorId, string MergedName, double Score, IReadOnlyList<MatchReason> Reasons);
