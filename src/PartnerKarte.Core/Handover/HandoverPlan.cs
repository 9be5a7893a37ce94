using System.Globalization;
using System.Text;
using PartnerKarte.Karte;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>
/// A previewable, deterministic handover plan: an ordered list of small operations, plus what the planner found
/// (successor suggestions, key-person risk, issues). Planning the same input twice gives an equal plan
/// (compare with <see cref="IsSameAs"/> or by serialising to JSON).
/// </summary>
public sealed record HandoverPlan
{
    /// <summary>Which case.</summary>
    public required HandoverKind Kind { get; init; }

    /// <summary>Who is departing: <c>user:&lt;id&gt;</c> or <c>rep:&lt;id&gt;</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>The departing manager, for <see cref="HandoverKind.OwnerDeparture"/>.</summary>
    public UserId? DepartingUser { get; init; }

    /// <summary>The departing rep, for <see cref="HandoverKind.RepDeparture"/>.</summary>
    public RepId? DepartingRep { get; init; }

    /// <summary>The effective date.</summary>
    public required DateOnly EffectiveOn { get; init; }

    /// <summary>The operations, in the order they are applied.</summary>
    public IReadOnlyList<HandoverOperation> Operations { get; init; } = [];

    /// <summary>The partner companies the handover touches (for the brief and the continuity monitor).</summary>
    public IReadOnlyList<CompanyId> Companies { get; init; } = [];

    /// <summary>The reps the handover concerns (for the brief).</summary>
    public IReadOnlyList<RepId> Reps { get; init; } = [];

    /// <summary>The chosen successor rep, for a rep departure.</summary>
    public RepId? SuccessorRep { get; init; }

    /// <summary>Successor candidates with reasons, best first, for a rep departure.</summary>
    public IReadOnlyList<SuccessorCandidate> SuccessorCandidates { get; init; } = [];

    /// <summary>Key-person risk, for a rep departure.</summary>
    public KeyPersonRisk? KeyPersonRisk { get; init; }

    /// <summary>Problems found while planning (no successor, inactive successor); they become blockers.</summary>
    public IReadOnlyList<HandoverBlocker> Issues { get; init; } = [];

    /// <summary>Whether two plans have the same content, operation by operation.</summary>
    /// <param name="other">The other plan.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool IsSameAs(HandoverPlan? other) =>
        other is not null && Kind == other.Kind && Subject == other.Subject && EffectiveOn == other.EffectiveOn &&
        SuccessorRep == other.SuccessorRep && Equals(KeyPersonRisk, other.KeyPersonRisk) &&
        Operations.SequenceEqual(other.Operations) && Companies.SequenceEqual(other.Companies) &&
        Reps.SequenceEqual(other.Reps) && Issues.SequenceEqual(other.Issues) &&
        SuccessorCandidates.Select(c => (c.RepId, c.Score)).SequenceEqual(other.SuccessorCandidates.Select(c => (c.RepId, c.Score)));

    /// <summary>The plan as a Markdown preview.</summary>
    /// <param name="culture">The language: Japanese for a <c>ja</c> culture or <see langword="null"/> (the default), English otherwise.</param>
    /// <returns>Markdown.</returns>
    public string ToMarkdown(CultureInfo? culture = null)
    {
        var ja = LocalizedText.IsJapanese(culture);
        var sb = new StringBuilder();
        sb.Append("## ").Append(ja ? "引き継ぎ計画: " : "Handover plan: ").Append(Subject).Append(" (").Append(EffectiveOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).AppendLine(")").AppendLine();
        var n = 1;
        foreach (var op in Operations)
        {
            sb.Append(n++).Append(". ").AppendLine(op.Describe().Get(culture));
        }

        if (Issues.Count > 0)
        {
            sb.AppendLine().AppendLine(ja ? "### 課題" : "### Issues");
            foreach (var i in Issues)
            {
                sb.Append("- ").AppendLine(i.Message.Get(culture));
            }
        }

        return sb.ToString();
    }
}
