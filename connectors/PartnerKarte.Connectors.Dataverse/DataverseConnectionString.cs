using System.Data.Common;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Parses the ServiceClient-style connection string into <see cref="DataverseOptions"/>.</summary>
public static class DataverseConnectionString
{
    private static readonly string[] UrlKeys = ["ServiceUri", "Service Uri", "Url", "Server"];
    private static readonly string[] ClientIdKeys = ["ClientId", "AppId", "ApplicationId"];
    private static readonly string[] SecretKeys = ["ClientSecret", "Secret"];

    /// <summary>Applies a connection string to options.</summary>
    /// <param name="connectionString">e.g. <c>AuthType=ClientSecret;Url=https://contoso.crm7.dynamics.com;ClientId=…;ClientSecret=…</c>.</param>
    /// <param name="options">The options to fill.</param>
    /// <exception cref="DataverseConfigurationException">The string is malformed or uses an unsupported AuthType.</exception>
    public static void Apply(string connectionString, DataverseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            // The message of the parser may echo the string, which can hold a secret.
            throw new DataverseConfigurationException(["ConnectionString is not a valid 'Key=Value;…' list."]);
        }

        string? Get(params string[] keys) =>
            keys.Select(k => builder.TryGetValue(k, out var v) ? v?.ToString() : null).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

        var authType = Get("AuthType", "AuthenticationType") ?? "ClientSecret";
        if (!authType.Equals("ClientSecret", StringComparison.OrdinalIgnoreCase) && !authType.Equals("Certificate", StringComparison.OrdinalIgnoreCase))
        {
            throw new DataverseConfigurationException([$"ConnectionString: AuthType '{authType}' is not supported; use ClientSecret or Certificate."]);
        }

        if (Get(UrlKeys) is { } url)
        {
            options.EnvironmentUrl = Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var u)
                ? u
                : throw new DataverseConfigurationException([$"ConnectionString: Url '{url}' is not an absolute URL."]);
        }

        options.ClientId = Get(ClientIdKeys) ?? options.ClientId;
        options.ClientSecret = Get(SecretKeys) ?? options.ClientSecret;
        options.TenantId = Get("TenantId", "Tenant") ?? options.TenantId;
        options.ClientCertificatePath = Get("CertificatePath", "CertificateFile") ?? options.ClientCertificatePath;
        options.ClientCertificatePassword = Get("CertificatePassword") ?? options.ClientCertificatePassword;
        if (Get("Authority", "AuthorityHost") is { } authority && Uri.TryCreate(authority.EndsWith('/') ? authority : authority + "/", UriKind.Absolute, out var a))
        {
            options.AuthorityHost = a;
        }
    }
}
