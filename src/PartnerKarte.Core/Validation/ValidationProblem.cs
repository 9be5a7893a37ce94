namespace PartnerKarte.Validation;

/// <summary>
/// One problem found in untrusted data (a file, a CRM record, a form). Validators return a list of these
/// instead of throwing, so valid records can proceed and each bad one is reported precisely.
/// </summary>
/// <param name="Record">The record the problem is in: an id such as <c>rep:R-001</c>, or a line such as <c>line 12</c>.</param>
/// <param name="Field">The field or template key, e.g. <c>Email</c> or <c>Contract.CommissionRatePercent</c>.</param>
/// <param name="Value">The offending value as text, or <see langword="null"/> when it was missing.
/// Callers that log problems must treat it as personal data.</param>
/// <param name="Reason">Why it is a problem, in plain English, e.g. "not an email address".</param>
public sealed record ValidationProblem(string Record, string Field, string? Value, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Record}: {Field}: {Reason}";
}
