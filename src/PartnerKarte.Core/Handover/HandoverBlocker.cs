using PartnerKarte.Targeting;

namespace PartnerKarte.Handover;

/// <summary>One reason a handover is not done, as a value.</summary>
/// <param name="Kind">The kind of blocker.</param>
/// <param name="Item">The item concerned, e.g. <c>company:c1</c>, <c>proposal:p9</c>, <c>rep:r3:TrustScore</c>.</param>
/// <param name="Message">What is wrong, JA/EN.</param>
public sealed record HandoverBlocker(HandoverBlockerKind Kind, string Item, LocalizedText Message);
