using System.Text.Json.Nodes;

namespace PartnerKarte.Emulators.Salesforce;

/// <summary>A request as the API handlers see it, from HTTP or from a composite subrequest.</summary>
internal sealed record EmulatorRequest(
    string Method,
    IReadOnlyList<string> Segments,
    IReadOnlyDictionary<string, string> Query,
    string Body,
    Func<string, string?> Header);

/// <summary>A response built by a handler.</summary>
internal sealed class EmulatorResponse
{
    public int Status { get; init; } = 200;

    public JsonNode? Json { get; init; }

    public string? Text { get; init; }

    public string ContentType { get; init; } = "application/json;charset=UTF-8";

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public SalesforceApiCallKind Kind { get; set; } = SalesforceApiCallKind.Other;

    public static EmulatorResponse Ok(JsonNode? json, int status = 200) => new() { Status = status, Json = json };

    public static EmulatorResponse NoContent() => new() { Status = 204 };

    public static EmulatorResponse Error(int status, string code, string message, IReadOnlyList<string>? fields = null)
    {
        var error = new JsonObject { ["message"] = message, ["errorCode"] = code };
        if (fields is not null)
        {
            error["fields"] = new JsonArray(fields.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        }

        return new EmulatorResponse { Status = status, Json = new JsonArray(error) };
    }

    public static EmulatorResponse Csv(string text, int status = 200) => new() { Status = status, Text = text, ContentType = "text/csv" };
}
