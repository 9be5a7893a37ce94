using System.Net;

namespace PartnerKarte.Emulators.Dataverse;

/// <summary>A Web API request, from HTTP or from a $batch part.</summary>
internal sealed class ApiRequest
{
    public required string Method { get; init; }

    public required Uri Url { get; init; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Body { get; init; }

    /// <summary>Content-ID → entity URL, inside a change set.</summary>
    public IReadOnlyDictionary<string, string>? ContentIds { get; init; }

    public bool InBatch { get; init; }

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public IReadOnlyList<string> Preferences => PreferHeader.Split(Header("Prefer"));
}

/// <summary>A Web API response.</summary>
internal sealed class ApiResponse
{
    public int Status { get; set; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public string? Body { get; set; }

    public string? ContentType { get; set; }

    public ApiResponse With(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }

    public static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        304 => "Not Modified",
        412 => "Precondition Failed",
        429 => "Too Many Requests",
        _ => Enum.IsDefined(typeof(HttpStatusCode), status) ? SplitWords(((HttpStatusCode)status).ToString()) : "Status",
    };

    private static string SplitWords(string s) =>
        string.Concat(s.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + c : c.ToString()));
}

/// <summary>An error answered in Dataverse's shape: <c>{"error":{"code","message"}}</c>.</summary>
internal sealed class DataverseError(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static DataverseError NotFound(string logicalName, Guid id) =>
        new(404, "0x80040217", $"{logicalName} With Id = {id} Does Not Exist");

    public static DataverseError BadProperty(EntitySchema s, string name) =>
        new(400, "0x0", $"Could not find a property named '{name}' on type 'Microsoft.Dynamics.CRM.{s.LogicalName}'.");
}

/// <summary>Splits Prefer headers, keeping commas inside quotes.</summary>
internal static class PreferHeader
{
    public static IReadOnlyList<string> Split(string? value)
    {
        var result = new List<string>();
        if (string.IsNullOrEmpty(value))
        {
            return result;
        }

        var start = 0;
        var quoted = false;
        for (var i = 0; i <= value.Length; i++)
        {
            if (i == value.Length || (value[i] == ',' && !quoted))
            {
                var part = value[start..i].Trim();
                if (part.Length > 0)
                {
                    result.Add(part);
                }

                start = i + 1;
            }
            else if (value[i] == '"')
            {
                quoted = !quoted;
            }
        }

        return result;
    }
}
