using System.Text.Json.Serialization;
using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>
/// One small, serialisable step of a <see cref="HandoverPlan"/>. Steps carry the expected current value
/// (<c>From</c>) so that applying them to a store (the in-memory karte, or a CRM through a connector) can tell
/// "already done" from "changed since planning". JSON uses the <c>op</c> discriminator.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(ReassignCompanyOwner), "reassign-company-owner")]
[JsonDerivedType(typeof(ReassignRepOwner), "reassign-rep-owner")]
[JsonDerivedType(typeof(ReassignProposalOwner), "reassign-proposal-owner")]
[JsonDerivedType(typeof(ReassignNextActionOwner), "reassign-next-action-owner")]
[JsonDerivedType(typeof(ReassignProposalRep), "reassign-proposal-rep")]
[JsonDerivedType(typeof(ReassignNextActionRep), "reassign-next-action-rep")]
[JsonDerivedType(typeof(CloseEmploymentEpisode), "close-employment-episode")]
[JsonDerivedType(typeof(CreateTask), "create-task")]
[JsonDerivedType(typeof(FlagKeyPersonRisk), "flag-key-person-risk")]
public abstract record HandoverOperation
{
    /// <summary>A one-line description of the step, for previews.</summary>
    /// <returns>The description in Japanese and English.</returns>
    public abstract LocalizedText Describe();
}
