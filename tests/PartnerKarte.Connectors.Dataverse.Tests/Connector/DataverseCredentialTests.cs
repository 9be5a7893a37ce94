using Azure.Identity;
using PartnerKarte.Connectors.Dataverse.Tests.Support;
using PartnerKarte.Emulators.Dataverse;

namespace PartnerKarte.Connectors.Dataverse.Tests.Connector;

/// <summary>Authentication through Azure.Identity <see cref="Azure.Core.TokenCredential"/>s.</summary>
public sealed class DataverseCredentialTests
{
    [Fact]
    public async Task A_caller_supplied_credential_is_used_with_the_environment_default_scope_and_needs_no_secret()
    {
        await using var env = await DataverseTestEnvironment.StartAsync();
        var credential = new EmulatorCredential(env.Emulator);
        using var connector = env.CreateConnector(o =>
        {
            o.ClientId = null;
            o.ClientSecret = null;
            o.TenantId = null;
            o.Credential = credential;
        });

        await connector.ValidateMappingAsync();
        env.Emulator.ExpireTokens();
        (await connector.CheckHealthAsync()).IsHealthy.Should().BeTrue("a rejected token is replaced through the credential");

        credential.Scopes.Should().Equal(env.Emulator.BaseUri.GetLeftPart(UriPartial.Authority) + "/.default", env.Emulator.BaseUri.GetLeftPart(UriPartial.Authority) + "/.default");
        env.Emulator.RequestLog.Should().NotContain(e => e.PathAndQuery == "/api/data/v9.2/", "no tenant discovery: the credential knows its tenant");
    }

    [Fact]
    public void With_an_https_authority_the_secret_and_the_certificate_become_Azure_Identity_credentials()
    {
        using var http = new HttpClient();
        var options = new DataverseOptions { EnvironmentUrl = new Uri("https://contoso.crm7.dynamics.com/"), ClientId = "11111111-2222-4333-8444-555555555555", ClientSecret = "s" };

        new DataverseTokenProvider(http, options, TimeProvider.System).CreateCredential("contoso.onmicrosoft.com").Should().BeOfType<ClientSecretCredential>();

        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=pk", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        options.ClientCertificate = certificate;
        new DataverseTokenProvider(http, options, TimeProvider.System).CreateCredential("contoso.onmicrosoft.com").Should().BeOfType<ClientCertificateCredential>();
    }
}
