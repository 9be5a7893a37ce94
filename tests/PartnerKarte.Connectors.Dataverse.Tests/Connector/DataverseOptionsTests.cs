namespace PartnerKarte.Connectors.Dataverse.Tests.Connector;

public sealed class DataverseOptionsTests
{
    [Fact]
    public void A_connection_string_fills_the_options()
    {
        var o = new DataverseOptions
        {
            ConnectionString = "AuthType=ClientSecret;Url=https://contoso.crm7.dynamics.com;ClientId=11111111-2222-4333-8444-555555555555;ClientSecret=s3cret;TenantId=contoso.onmicrosoft.com",
        };

        o.Validate();

        o.EnvironmentUrl.Should().Be(new Uri("https://contoso.crm7.dynamics.com/"));
        o.ClientId.Should().Be("11111111-2222-4333-8444-555555555555");
        o.ClientSecret.Should().Be("s3cret");
        o.TenantId.Should().Be("contoso.onmicrosoft.com");
    }

    [Theory]
    [InlineData("BatchSize", 1001)]
    [InlineData("BatchSize", 0)]
    [InlineData("PageSize", 5001)]
    [InlineData("MaxParallelism", 0)]
    public void Out_of_range_numbers_name_the_option(string option, int value)
    {
        var o = new DataverseOptions { EnvironmentUrl = new Uri("https://contoso.crm7.dynamics.com/"), ClientId = "a", ClientSecret = "b" };
        typeof(DataverseOptions).GetProperty(option)!.SetValue(o, value);

        var act = o.Validate;

        act.Should().Throw<DataverseConfigurationException>().Which.Problems.Should().ContainSingle().Which.Should().StartWith(option);
    }

    [Theory]
    [InlineData("https://contoso.crm7.dynamics.com/", "https://login.microsoftonline.com/", true)]
    [InlineData("https://contoso.crm.microsoftdynamics.us/", "https://login.microsoftonline.us/", true)]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/", true)]
    [InlineData("https://contoso.crm7.dynamics.com.evil.example/", "https://login.microsoftonline.com/", false)]
    [InlineData("https://contoso.crm7.dynamics.com/", "https://collector.example.net/", false)]
    public void Tokens_and_secrets_go_only_to_microsoft_hosts_and_loopback_unless_a_host_is_allowed(string environment, string authority, bool allowed)
    {
        var o = new DataverseOptions { EnvironmentUrl = new Uri(environment), AuthorityHost = new Uri(authority), ClientId = "a", ClientSecret = "s3cret-value", TenantId = "t" };

        var act = o.Validate;

        if (allowed)
        {
            act.Should().NotThrow();
            return;
        }

        act.Should().Throw<DataverseConfigurationException>().Which.Message.Should().Contain("AllowedHosts").And.NotContain("s3cret-value");
        o.AllowedHosts.Add(new Uri(environment).Host);
        o.AllowedHosts.Add(new Uri(authority).Host);
        act.Should().NotThrow("explicitly allowed hosts are accepted");
    }

    [Fact]
    public void Plain_http_is_refused_except_on_loopback_and_secrets_never_appear_in_errors()
    {
        var remote = new DataverseOptions { EnvironmentUrl = new Uri("http://contoso.crm7.dynamics.com/"), ClientId = "a", ClientSecret = "b" };
        var loopback = new DataverseOptions { EnvironmentUrl = new Uri("http://127.0.0.1:5000/"), ClientId = "a", ClientSecret = "b" };
        var malformed = new DataverseOptions { ConnectionString = "Url=https://x;ClientSecret=\"top-secret-value" };

        remote.Invoking(o => o.Validate()).Should().Throw<DataverseConfigurationException>().WithMessage("*EnvironmentUrl must be an absolute https URL*");
        loopback.Invoking(o => o.Validate()).Should().NotThrow();
        malformed.Invoking(o => o.Validate()).Should().Throw<DataverseConfigurationException>().Which.Message.Should().NotContain("top-secret");
    }

    [Fact]
    public void Mapping_names_must_be_logical_names()
    {
        var o = new DataverseOptions { EnvironmentUrl = new Uri("https://contoso.crm7.dynamics.com/"), AccessToken = "t" };
        o.Mapping.Rep.TrustScore = "pk_trustscore,fullname";

        o.Invoking(x => x.Validate()).Should().Throw<DataverseConfigurationException>().WithMessage("*Mapping:Rep:TrustScore*");
    }
}
