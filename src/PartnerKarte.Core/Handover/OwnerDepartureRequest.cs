using PartnerKarte.Karte;

namespace PartnerKarte.Handover;

/// <summary>Our partner manager leaves or transfers (メーカー側担当の異動・退職).</summary>
public sealed record OwnerDepartureRequest
{
    /// <summary>The departing manager.</summary>
    public required UserId Departing { get; init; }

    /// <summary>The last day in post; tasks fall due around it and history windows end on it.</summary>
    public required DateOnly EffectiveOn { get; init; }

    /// <summary>Explicit successors per partner company (they win over every rule).</summary>
    public IReadOnlyDictionary<CompanyId, UserId> Successors { get; init; } = new Dictionary<CompanyId, UserId>();

    /// <summary>The successor for companies without an explicit one; when null, the rule "same team, lowest load" applies.</summary>
    public UserId? DefaultSuccessor { get; init; }
}
