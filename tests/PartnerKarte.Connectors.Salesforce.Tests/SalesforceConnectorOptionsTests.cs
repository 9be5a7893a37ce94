using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Emulators.Salesforce;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests;

public sealed class SalesforceOptionsTests
{
    [Fact]
    public void Invalid_options_fail_fast_naming_each_option()
    {
        var options = new SalesforceOptions
        {
            LoginUrl = new Uri("http://acme.my.salesforce.example"),
            ClientId = "id",
            ApiVersion = "v62.0",
            QueryBatchSize = 50,
            RequestTimeout = TimeSpan.Zero,
        };

        var act = () => new SalesforceConnector(new HttpClient(), options);

        act.Should().Throw<PartnerKarteException>()
            .Which.Message.Should().Contain("LoginUrl").And.Contain("https").And.Contain("ClientSecret").And.Contain("ApiVersion").And.Contain("QueryBatchSize")
            .And.Contain("RequestTimeout");
    }

    [Theory]
    [InlineData("INVALID_FIELD", true)]
    [InlineData("INSUFFICIENT_ACCESS_OR_READONLY", true)]
    [InlineData("invalid_client", true)]
    [InlineData("UNABLE_TO_LOCK_ROW", false)]
    [InlineData("REQUEST_LIMIT_EXCEEDED", false)]
    [InlineData(null, false)]
    public void Errors_only_the_setup_can_fix_are_configuration_problems(string? code, bool configuration) =>
        SalesforceFailure.Create("failed", 400, code, "/services/data/v62.0/query").IsConfigurationProblem.Should().Be(configuration);

    [Theory]
    [InlineData("https://acme.my.salesforce.com", true)]
    [InlineData("https://acme--uat.sandbox.my.salesforce.com", true)]
    [InlineData("https://login.salesforce.com", true)]
    [InlineData("https://acme.my.site.force.com", true)]
    [InlineData("http://127.0.0.1:5123", true)]
    [InlineData("https://login.salesforce.com.evil.example", false)]
    [InlineData("https://evilsalesforce.com", false)]
    [InlineData("https://collector.example.net", false)]
    public void Credentials_go_only_to_salesforce_domains_and_loopback_unless_a_host_is_allowed(string loginUrl, bool allowed)
    {
        var options = new SalesforceOptions { LoginUrl = new Uri(loginUrl), ClientId = "id", ClientSecret = "secret" };

        options.Validate().Any(p => p.Contains("AllowedHosts", StringComparison.Ordinal)).Should().Be(!allowed);
        options.AllowedHosts.Add(new Uri(loginUrl).Host);
        options.Validate().Should().NotContain(p => p.Contains("AllowedHosts", StringComparison.Ordinal), "an explicitly allowed host is accepted");
        options.Validate().Should().NotContain(p => p.Contains("secret", StringComparison.OrdinalIgnoreCase), "a message never echoes a secret");
    }

    [Fact]
    public async Task A_mapping_with_missing_or_read_only_fields_gives_one_error_listing_object_and_field()
    {
        await using var org = await SalesforceTestOrg.StartAsync();
        var connector = org.Connector(o =>
        {
            o.Fields.TrustScore = "PK_Vertrauen__c";
            o.Fields.DealCount = "CreatedDate";
        });

        var act = () => connector.ValidateMappingAsync();

        var error = (await act.Should().ThrowAsync<SalesforceMappingException>()).Which;
        error.Problems.Should().BeEquivalentTo(["Contact.PK_Vertrauen__c: missing", "Account.CreatedDate: read-only (not updateable for the integration user)"]);
        (await connector.CheckHealthAsync()).Problems.Should().HaveCount(2);
    }

    [Fact]
    public async Task Every_auth_flow_reaches_the_api()
    {
        await using var org = await SalesforceTestOrg.StartAsync();
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=PartnerKarte JWT", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        org.Emulator.JwtCertificate = certificate;

        var flows = new Action<SalesforceOptions>[]
        {
            _ => { },
            o => { o.ClientSecret = null; o.Username = org.Emulator.Username; o.JwtCertificate = certificate; },
            o => { o.Username = org.Emulator.Username; o.Password = org.Emulator.Password; },
            o => { o.LoginUrl = null; o.InstanceUrl = org.Emulator.BaseUrl; o.AccessToken = org.Emulator.IssueAccessToken(); },
        };

        foreach (var flow in flows)
        {
            (await org.Connector(flow).CheckHealthAsync()).Problems.Should().BeEmpty();
        }

        var wrong = await org.Connector(o => o.ClientSecret = "wrong").CheckHealthAsync();
        wrong.Problems.Should().ContainSingle().Which.Should().Contain("invalid_client");
    }

    [Fact]
    public async Task Logs_carry_no_token_secret_or_personal_data()
    {
        await using var org = await SalesforceTestOrg.StartAsync();
        org.Seed(PartnerKarte.Testing.Conformance.ConformanceData.Batch);
        org.Emulator.Faults.SessionExpiresAfterCalls = 3;
        org.Emulator.Faults.ServerUnavailableRate = 0.2;
        var sink = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
        var connector = org.Connector(o => o.MaxRetries = 10, factory.CreateLogger<SalesforceConnector>());

        await foreach (var _ in connector.ReadChangesAsync(null))
        {
        }

        await connector.WriteEnrichmentAsync([EnrichmentRecord.ForRep(new RepId("R-001"), 70, TrustRank.A, 0.8, 1, null, FollowUpPriority.High)]);

        var log = string.Join("\n", sink.Messages);
        sink.Messages.Should().Contain(m => m.Contains("re-authenticating", StringComparison.Ordinal), "the log is captured at all");
        log.Should().NotContain(org.Emulator.ClientSecret).And.NotContain(org.Org.OrganizationId[..15] + "!")
            .And.NotContain("tanaka@sakura.example.jp").And.NotContain("田中").And.NotContain("さくら").And.NotContain("Bearer ");
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public List<string> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Capturing(this);

        public void Dispose()
        {
        }

        private sealed class Capturing(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Messages)
                {
                    owner.Messages.Add(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
                }
            }
        }
    }
}
