using PartnerKarte.Karte;

namespace PartnerKarte.Kpis;

/// <summary>How often one loss reason occurred (失注理由の内訳).</summary>
/// <param name="Category">The loss reason category; lost proposals without a reason count as <see cref="LossReasonCategory.Unknown"/>.</param>
/// <param name="Count">Lost proposals with this reason.</param>
/// <param name="Share">Share of all lost proposals, 0..1.</param>
public sealed record LossReasonCount(LossReasonCategory Category, int Count, double Share);
