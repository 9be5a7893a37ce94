using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace PartnerKarte.Connectors.Salesforce;

/// <summary>A buffered response: status, body text and the headers the connector reads.</summary>
internal sealed record SalesforceResponse(int Status, string Body, HttpResponseHeaders? Headers, string Resource)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public string? Header(string name) =>
        Headers is not null && Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public JsonNode? Json() => string.IsNullOrWhiteSpace(Body) ? null : JsonNode.Parse(Body);

    /// <summary>
    /// The error code and message: the first element of the usual REST error array, the single object form
    /// (<c>{"errorCode": …, "message": …}</c>, as on "Status Codes and Error Responses"), or the OAuth <c>error</c>.
    /// </summary>
    public (string? Code, string? Message) Error()
    {
        try
        {
            var json = Json();
            if (json is JsonArray { Count: > 0 } array && array[0] is JsonObject first)
            {
                return (first["errorCode"]?.GetValue<string>(), first["message"]?.GetValue<string>());
            }

            if (json is JsonObject single && single["errorCode"] is JsonValue)
            {
                return (single["errorCode"]?.GetValue<string>(), single["message"]?.GetValue<string>());
            }

            if (json is JsonObject obj && obj["error"] is not null)
            {
                return (obj["error"]?.GetValue<string>(), obj["error_description"]?.GetValue<string>());
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: no code.
        }

        return (null, null);
    }
}
