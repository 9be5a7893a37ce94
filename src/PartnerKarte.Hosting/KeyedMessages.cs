using Microsoft.Extensions.Options;
using PartnerKarte.Validation;

namespace PartnerKarte.Hosting;

/// <summary>
/// Runs a source-generated validator with the configuration section as the options name, so the generated message
/// (<c>BatchSize: The field PartnerKarte:Sync.BatchSize must be …</c>) becomes the key-named one the constructors give
/// (<c>PartnerKarte:Sync:BatchSize must be … (was 0).</c>).
/// </summary>
internal static class KeyedMessages
{
    /// <summary>The failures of <paramref name="validator"/> on <paramref name="options"/>, each naming its key under <paramref name="section"/>.</summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="validator">A validator, normally source-generated with <c>[OptionsValidator]</c>.</param>
    /// <param name="section">The configuration section, for example <c>PartnerKarte:Salesforce</c>.</param>
    /// <param name="options">The options.</param>
    /// <returns>The failures; empty when valid.</returns>
    public static IReadOnlyList<string> Validate<TOptions>(IValidateOptions<TOptions> validator, string section, TOptions options)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(options);
        var result = validator.Validate(section, options);
        if (!result.Failed)
        {
            return [];
        }

        return (result.Failures ?? [result.FailureMessage]).Select(f => Keyed(f, section, options)).ToList();
    }

    private static string Keyed(string failure, string section, object options)
    {
        // The generator writes "Member: <attribute message with 'section.Member' as display name>".
        var colon = failure.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || failure.AsSpan(0, colon).ContainsAny(" :."))
        {
            return failure.Contains(section, StringComparison.Ordinal) ? failure : $"{section}: {failure}";
        }

        var member = failure[..colon];
        var key = section + ":" + member;
        var message = failure[(colon + 2)..].Replace(section + "." + member, key, StringComparison.Ordinal);
        var value = options.GetType().GetProperty(member)?.GetValue(options);
        return OptionsRules.Format(message, key, value);
    }
}
