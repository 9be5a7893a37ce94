using Microsoft.Extensions.Options;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>Startup validation of <see cref="SalesforceOptions"/>: one failure per problem, each naming the option.</summary>
internal sealed class SalesforceOptionsValidator : IValidateOptions<SalesforceOptions>
{
    public ValidateOptionsResult Validate(string? name, SalesforceOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => "PartnerKarte:Salesforce:" + p));
    }
}
