using Microsoft.Extensions.Options;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Runs <see cref="DataverseOptions.Validate"/> for the options pipeline, so bad settings fail at startup with every problem named.</summary>
internal sealed class DataverseOptionsValidator : IValidateOptions<DataverseOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DataverseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (DataverseConfigurationException e)
        {
            return ValidateOptionsResult.Fail(e.Problems.Select(p => DataverseOptions.SectionName + ":" + p));
        }
    }
}
