using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Time.Testing;
using Polly;
using PartnerKarte.Connectors.Dataverse;


namespace PartnerKarte.Hosting.Tests;

/// <summary>The CRM HTTP clients come from IHttpClientFactory with the connector's resilience handlers, which the host can tune or replace.</summary>
public sealed class ResiliencePipelineTests
{
    private static readonly Uri Instance = new("https://example.my.salesforce.com/services/data/v62.0/limits");
    private static readonly Uri Environment = new("http://127.0.0.1:9/api/data/v9.2/accounts");

    private static ServiceProvider Build(FakeTimeProvider time, Action<PartnerKarteBuilder> add)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(time);
        var builder = services.AddPartnerKarte(new ConfigurationBuilder().Build().GetSection("PartnerKarte"))
            .AddSqliteStore(o => o.Path = Path.Combine(Path.GetTempPath(), "pk-never-opened.db"));
        add(builder);
        return services.BuildServiceProvider();
    }

    private static void Salesforce(PartnerKarteBuilder b) => b.AddSalesforce(o =>
    {
        o.InstanceUrl = new Uri("https://example.my.salesforce.com");
        o.AccessToken = "token";
        o.RetryBaseDelay = TimeSpan.FromSeconds(1);
    });

    private static void Dataverse(PartnerKarteBuilder b) => b.AddDataverse(o =>
    {
        o.EnvironmentUrl = new Uri("http://127.0.0.1:9/");
        o.AccessToken = "token";
    });

    [Fact]
    public async Task Salesforce_client_waits_the_Retry_After_the_org_sends()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        var server = new ScriptedServer(Answer(HttpStatusCode.ServiceUnavailable, retryAfterSeconds: 7), Answer(HttpStatusCode.OK));
        using var provider = Build(time, b =>
        {
            Salesforce(b);
            b.ConfigureSalesforceHttpClient(http => http.ConfigurePrimaryHttpMessageHandler(() => server));
        });
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(SalesforcePartnerKarteBuilderExtensions.HttpClientName);

        var send = client.GetAsync(Instance);
        await server.WaitForCallsAsync(1);
        time.Advance(TimeSpan.FromSeconds(6.9));
        await Task.Delay(50);
        server.Calls.Should().Be(1, "the retry waits the 7 s the Retry-After header asks for");
        send.IsCompleted.Should().BeFalse();

        time.Advance(TimeSpan.FromSeconds(0.1));
        using var response = await send.WaitAsync(TimeSpan.FromSeconds(10));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Calls.Should().Be(2);
    }

    [Fact]
    public async Task Salesforce_client_does_not_retry_a_daily_limit_refusal()
    {
        var time = new FakeTimeProvider();
        var server = new ScriptedServer(Answer(HttpStatusCode.Forbidden, body: """[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded."}]"""));
        using var provider = Build(time, b =>
        {
            Salesforce(b);
            b.ConfigureSalesforceHttpClient(http => http.ConfigurePrimaryHttpMessageHandler(() => server));
        });
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(SalesforcePartnerKarteBuilderExtensions.HttpClientName);

        using var response = await client.GetAsync(Instance).WaitAsync(TimeSpan.FromSeconds(10));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        server.Calls.Should().Be(1);
    }

    [Fact]
    public async Task A_host_replaces_the_Salesforce_retry_with_its_own_pipeline()
    {
        var time = new FakeTimeProvider();
        var server = new ScriptedServer(Answer(HttpStatusCode.ServiceUnavailable));
        using var provider = Build(time, b =>
        {
            Salesforce(b);
            b.ConfigureSalesforceHttpClient(http => http.ConfigurePrimaryHttpMessageHandler(() => server));
            b.ConfigureSalesforceResilience((pipeline, _) => pipeline.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 1, Delay = TimeSpan.Zero }));
        });
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(SalesforcePartnerKarteBuilderExtensions.HttpClientName);

        using var response = await client.GetAsync(Instance).WaitAsync(TimeSpan.FromSeconds(10));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        server.Calls.Should().Be(2, "the host's pipeline retries once; the connector's default would have retried five times");
    }

    [Fact]
    public async Task Dataverse_gate_holds_every_request_until_the_Retry_After_of_a_429_has_passed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        var server = new ScriptedServer(Answer(HttpStatusCode.TooManyRequests, retryAfterSeconds: 5), Answer(HttpStatusCode.OK), Answer(HttpStatusCode.OK));
        using var provider = Build(time, b =>
        {
            Dataverse(b);
            b.ConfigureDataverseHttpClient(http => http.ConfigurePrimaryHttpMessageHandler(() => server));
        });
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(DataverseServiceCollectionExtensions.HttpClientName);

        var first = client.GetAsync(Environment);
        await server.WaitForCallsAsync(1);
        var second = client.GetAsync(Environment);
        time.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(50);
        server.Calls.Should().Be(1, "no request leaves while the service-protection window is open");

        time.Advance(TimeSpan.FromSeconds(1));
        using var a = await first.WaitAsync(TimeSpan.FromSeconds(10));
        using var b = await second.WaitAsync(TimeSpan.FromSeconds(10));
        a.StatusCode.Should().Be(HttpStatusCode.OK);
        b.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Calls.Should().Be(3);
    }

    [Fact]
    public async Task Dataverse_gate_stays_when_the_host_replaces_the_retry()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        var server = new ScriptedServer(Answer(HttpStatusCode.TooManyRequests, retryAfterSeconds: 5), Answer(HttpStatusCode.OK));
        using var provider = Build(time, b =>
        {
            Dataverse(b);
            b.ConfigureDataverseHttpClient(http => http.ConfigurePrimaryHttpMessageHandler(() => server));
            b.ConfigureDataverseResilience((_, _) => { }); // no retry at all
        });
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(DataverseServiceCollectionExtensions.HttpClientName);

        using var throttled = await client.GetAsync(Environment).WaitAsync(TimeSpan.FromSeconds(10));
        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "without the retry the 429 reaches the caller");
        var next = client.GetAsync(Environment);
        await Task.Delay(50);
        server.Calls.Should().Be(1);

        time.Advance(TimeSpan.FromSeconds(5));
        using var ok = await next.WaitAsync(TimeSpan.FromSeconds(10));
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static Func<HttpResponseMessage> Answer(HttpStatusCode status, int? retryAfterSeconds = null, string body = "{}") => () =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
        if (retryAfterSeconds is { } s)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(s));
        }

        return response;
    };

    /// <summary>Answers from a script (the last answer repeats) and counts the requests that reached it.</summary>
    private sealed class ScriptedServer(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public async Task WaitForCallsAsync(int calls)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (Calls < calls)
            {
                await Task.Delay(10, timeout.Token);
            }

            // Let the pipeline reach its wait after the answer.
            await Task.Delay(50);
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _calls);
            return Task.FromResult(answers[Math.Min(n, answers.Length) - 1]());
        }
    }
}
