namespace PartnerKarte.Targeting;

/// <summary>One piece of evidence behind a relationship edge.</summary>
/// <param name="Kind">The kind of relationship.</param>
/// <param name="Strength">The strength this evidence alone gives, in (0, 1].</param>
/// <param name="LastSeen">The most recent date the evidence refers to, when dated.</param>
/// <param name="Count">How many records back it (e.g. interactions or shared meetings).</param>
/// <param name="SourceIds">Ids of the records behind it (interactions, links), newest first, at most a few.</param>
public sealed record RelationshipEvidence(RelationshipKind Kind, double Strength, DateOnly? LastSeen = null, int Count = 1, IReadOnlyList<string>? SourceIds = null)
{
    /// <summary>Ids of the records behind it, never null.</summary>
    public IReadOnlyList<string> Sources => SourceIds ?? [];
}
