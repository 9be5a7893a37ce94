using Microsoft.Extensions.Options;
using PartnerKarte.Validation;

namespace PartnerKarte.Hosting;

/// <summary>
/// The one validator of an options class: its data-annotation checks (a source-generated <c>[OptionsValidator]</c>) run with
/// the configuration section as display name, plus its cross-field rules, every message naming the configuration key:
/// <c>PartnerKarte:Sync:BatchSize must be between 0 and 100000 (was -1).</c> Connector packages register one per options class
/// and call it from their constructors too, so a host and direct construction apply the same rules.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
public sealed class KeyedOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    private readonly Func<string, TOptions, IEnumerable<string>> rules;

    /// <summary>Creates the validator.</summary>
    /// <param name="section">The configuration section, for example <c>PartnerKarte:Salesforce</c>.</param>
    /// <param name="annotations">The source-generated validator of the options' attributes.</param>
    /// <param name="crossField">Rules spanning fields, each returning messages that name their keys; <see langword="null"/> for none.</param>
    public KeyedOptionsValidator(string section, IValidateOptions<TOptions> annotations, Func<TOptions, IEnumerable<string>>? crossField = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        ArgumentNullException.ThrowIfNull(annotations);
        Section = section;
        rules = (s, o) => KeyedMessages.Validate(annotations, s, o).Concat(crossField?.Invoke(o) ?? []);
    }

    /// <summary>For the Core options: several generated validators (nested sections) and the cross-field rules of Core.</summary>
    internal KeyedOptionsValidator(string section, Func<string, TOptions, IEnumerable<string>> annotations)
    {
        Section = section;
        rules = (s, o) => annotations(s, o).Concat(OptionsRules.CrossField(o, s));
    }

    /// <summary>The configuration section named in the messages.</summary>
    public string Section { get; }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = rules(Section, options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws when the options are invalid; for constructors that take the options directly.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="OptionsValidationException">An option is invalid; the failures name the configuration keys.</exception>
    public void ThrowIfInvalid(TOptions options)
    {
        var result = Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(TOptions), result.Failures);
        }
    }
}
