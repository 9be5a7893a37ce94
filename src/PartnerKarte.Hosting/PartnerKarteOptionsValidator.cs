using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerKarte.Sync;

namespace PartnerKarte;

/// <summary>
/// Validates the connector choice (<c>PartnerKarte:Connector</c>) at startup, and the options of the selected connector (only
/// that one); every message names the configuration key. The sub-sections (<c>PartnerKarte:Sync</c>, …) have validators of their own.
/// </summary>
internal sealed class PartnerKarteOptionsValidator(IServiceProvider services, IEnumerable<ConnectorRegistration> registrations) : IValidateOptions<PartnerKarteOptions>
{
    public ValidateOptionsResult Validate(string? name, PartnerKarteOptions options)
    {
        var failures = new List<string>();
        var added = registrations.Select(r => r.Name).Distinct(StringComparer.Ordinal).ToList();
        if (string.IsNullOrWhiteSpace(options.Connector))
        {
            var crms = added.Where(n => n != ConnectorRegistration.EmbeddedStore).ToList();
            failures.Add(crms.Count > 1
                ? $"PartnerKarte:Connector is not set and {crms.Count} CRM connectors are added ({string.Join(", ", crms)}): set PartnerKarte:Connector to the one the sync runs against."
                : "PartnerKarte:Connector is not set and no connector is added: add one (AddSqliteStore, AddSalesforce, AddDataverse).");
        }
        else if (registrations.FirstOrDefault(r => r.Name == Normalize(options.Connector)) is not { } selected)
        {
            failures.Add($"PartnerKarte:Connector is '{options.Connector}', but no such connector is added ({(added.Count == 0 ? "none is" : string.Join(", ", added) + " are")}). Add it (AddSqliteStore, AddSalesforce, AddDataverse) or name an added one.");
        }
        else if (selected.ReadOptions is { } read)
        {
            try
            {
                _ = read(services);
            }
            catch (OptionsValidationException ex)
            {
                failures.AddRange(ex.Failures);
            }
        }

        if (services.GetService<IServiceProviderIsService>() is { } isService && !isService.IsService(typeof(ISyncStateStore)))
        {
            failures.Add("PartnerKarte: no sync state store is registered; call AddSqliteStore(...) (it keeps the sync state of every connector).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The selected connector's name: the configured one, else the one CRM connector added, else the embedded store.</summary>
    internal static string? Select(string? configured, IEnumerable<ConnectorRegistration> registrations)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Normalize(configured);
        }

        var names = registrations.Select(r => r.Name).Distinct(StringComparer.Ordinal).ToList();
        var crms = names.Where(n => n != ConnectorRegistration.EmbeddedStore).ToList();
        return crms.Count switch
        {
            1 => crms[0],
            0 when names.Count > 0 => ConnectorRegistration.EmbeddedStore,
            _ => null,
        };
    }

    private static string Normalize(string name) => name.Trim().ToLowerInvariant();
}
