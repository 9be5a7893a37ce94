using Microsoft.Extensions.Options;
using PartnerKarte.Handover;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;
using PartnerKarte.Targeting;

namespace PartnerKarte.Hosting;

// Source-generated from the data-annotation attributes on the Core options (no reflection at startup). Each is run through
// SectionValidator, which names the configuration key in every message and adds the options' cross-field rules.

// Weights and HalfLives are run by their own validators below, so their messages carry their own keys
// (PartnerKarte:Scoring:Weights:Cadence); [ValidateObjectMembers] would name them without the section.
#pragma warning disable SYSLIB1212

/// <summary>The attributes of <see cref="TrustScoringOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class TrustScoringOptionsAnnotations : IValidateOptions<TrustScoringOptions>;
#pragma warning restore SYSLIB1212

/// <summary>The attributes of <see cref="TrustWeights"/> (<c>PartnerKarte:Scoring:Weights</c>).</summary>
[OptionsValidator]
internal sealed partial class TrustWeightsAnnotations : IValidateOptions<TrustWeights>;

/// <summary>The attributes of <see cref="TrustHalfLives"/> (<c>PartnerKarte:Scoring:HalfLives</c>).</summary>
[OptionsValidator]
internal sealed partial class TrustHalfLivesAnnotations : IValidateOptions<TrustHalfLives>;

/// <summary>The attributes of <see cref="PartnerKpiOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class PartnerKpiOptionsAnnotations : IValidateOptions<PartnerKpiOptions>;

/// <summary>The attributes of <see cref="EnrichmentSyncOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class EnrichmentSyncOptionsAnnotations : IValidateOptions<EnrichmentSyncOptions>;

/// <summary>The attributes of <see cref="TargetingOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class TargetingOptionsAnnotations : IValidateOptions<TargetingOptions>;

/// <summary>The attributes of <see cref="RelationshipGraphOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class RelationshipGraphOptionsAnnotations : IValidateOptions<RelationshipGraphOptions>;

/// <summary>The attributes of <see cref="HandoverOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class HandoverOptionsAnnotations : IValidateOptions<HandoverOptions>;

/// <summary>The attributes of <see cref="ContinuityOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class ContinuityOptionsAnnotations : IValidateOptions<ContinuityOptions>;
