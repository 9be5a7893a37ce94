namespace PartnerKarte.Connectors.Dataverse;

/// <summary>
/// The innermost handler of the Dataverse pipeline: counts every attempt the environment sees (retries included), traces
/// it, reads <c>x-ms-dop-hint</c>, and turns an attempt that ran out of time into a <see cref="TimeoutException"/>.
/// </summary>
internal sealed class DataverseAttemptHandler : DelegatingHandler
{
    public DataverseAttemptHandler()
    {
    }

    public DataverseAttemptHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = DataverseCall.Of(request);
        if (call is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        call.Attempted();
        call.Usage.CountRequest(call.Kind);
        using var activity = PartnerKarteTelemetry.StartCrmCall("dataverse", call.Kind);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout surfaces as a cancellation nobody asked for: a slow answer, retried like a 503.
            throw new TimeoutException($"Dataverse did not answer '{call.What}' within the request timeout.", e);
        }

        activity?.SetTag("http.response.status_code", (int)response.StatusCode);
        call.Observe(response);
        return response;
    }
}
