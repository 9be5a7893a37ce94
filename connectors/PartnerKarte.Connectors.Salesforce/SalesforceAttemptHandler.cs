namespace PartnerKarte.Connectors.Salesforce;

/// <summary>
/// The innermost handler of the Salesforce pipeline: counts every attempt the org sees (retries included), traces it
/// and reads the API usage header of each answer.
/// </summary>
internal sealed class SalesforceAttemptHandler : DelegatingHandler
{
    public SalesforceAttemptHandler()
    {
    }

    public SalesforceAttemptHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = SalesforceCall.Of(request);
        if (call is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        call.Attempted();
        call.Usage.CountRequest(call.Kind);
        using var activity = PartnerKarteTelemetry.StartCrmCall("salesforce", call.Kind);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("http.response.status_code", (int)response.StatusCode);
        call.Observe(response);
        return response;
    }
}
