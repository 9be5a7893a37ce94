using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerKarte.Sync;

namespace PartnerKarte;

/// <summary>Validates <see cref="PartnerKarteOptions"/> at startup; every message names the configuration key.</summary>
internal sealed class PartnerKarteOptionsValidator(IServiceProviderIsKeyedService keyed) : IValidateOptions<PartnerKarteOptions>
{
    public ValidateOptionsResult Validate(string? name, PartnerKarteOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Connector))
        {
            failures.Add("PartnerKarte:Connector is required: sqlite, salesforce or dataverse.");
        }
        else if (!keyed.IsKeyedService(typeof(KarteConnector), options.Connector.Trim().ToLowerInvariant()))
        {
            failures.Add($"PartnerKarte:Connector is '{options.Connector}', but no such connector is registered. Register it (AddSqliteStore, AddSalesforce, AddDataverse) or choose a registered one.");
        }

        if (!keyed.IsService(typeof(ISyncStateStore)))
        {
            failures.Add("PartnerKarte: no sync state store is registered; call AddSqliteStore(...) (it keeps the sync state of every connector).");
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options.Sync, new ValidationContext(options.Sync), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => r.ErrorMessage ?? $"PartnerKarte:Sync:{string.Join(",", r.MemberNames)} is invalid."));
        }

        failures.AddRange(options.Scoring.Validate().Select(p => $"PartnerKarte:Scoring:{p.Field}: {p.Reason} (value: {p.Value ?? "null"})."));
        failures.AddRange(options.Kpis.GetValidationFailures().Select(f => $"PartnerKarte:Kpis: {f}"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
