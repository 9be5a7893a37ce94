using Microsoft.Extensions.Options;

namespace PartnerKarte.Scoring;

/// <summary>
/// Validates <see cref="TrustScoringOptions"/> for the options pipeline, so a host fails at startup with a message
/// naming the bad option: <c>services.AddSingleton&lt;IValidateOptions&lt;TrustScoringOptions&gt;, TrustScoringOptionsValidator&gt;()</c>
/// together with <c>AddOptions&lt;TrustScoringOptions&gt;().ValidateOnStart()</c>.
/// </summary>
public sealed class TrustScoringOptionsValidator : IValidateOptions<TrustScoringOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TrustScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"{p.Record}.{p.Field}: {p.Reason} (value: {p.Value ?? "null"})."));
    }
}
