using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PartnerKarte.Emulators.Salesforce;

internal sealed partial class SalesforceApi
{
    private EmulatorResponse Composite(string body)
    {
        var json = ParseObject(body);
        var allOrNone = json["allOrNone"]?.GetValue<bool>() ?? false;
        var requests = json["compositeRequest"] as JsonArray ?? [];
        if (requests.Count > 25)
        {
            return EmulatorResponse.Error(400, "INVALID_FIELD", "Composite request may not have more than 25 subrequests");
        }

        var results = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<JsonObject>();
        var anyFailure = false;
        org.BeginTransaction();
        foreach (var item in requests.OfType<JsonObject>())
        {
            var referenceId = item["referenceId"]?.GetValue<string>() ?? string.Empty;
            var method = item["method"]?.GetValue<string>()?.ToUpperInvariant() ?? "GET";
            var url = item["url"]?.GetValue<string>() ?? string.Empty;
            var subBody = item["body"]?.ToJsonString() ?? string.Empty;
            if (anyFailure && allOrNone)
            {
                entries.Add(Halted(referenceId));
                continue;
            }

            var refs = References().Matches(url + subBody).Select(m => m.Groups[1].Value).ToList();
            if (refs.Any(failed.Contains) || refs.Any(r => !results.ContainsKey(r)))
            {
                failed.Add(referenceId);
                anyFailure = true;
                entries.Add(Halted(referenceId));
                continue;
            }

            url = References().Replace(url, m => Uri.EscapeDataString(Lookup(results, m)?.ToString() ?? string.Empty));
            subBody = References().Replace(subBody, m => Lookup(results, m)?.ToString() ?? string.Empty);
            var response = DispatchUrl(method, url, subBody);
            results[referenceId] = response.Json?.DeepClone();
            if (response.Status >= 400)
            {
                failed.Add(referenceId);
                anyFailure = true;
            }

            var headers = new JsonObject();
            foreach (var (k, v) in response.Headers)
            {
                headers[k] = v;
            }

            entries.Add(new JsonObject
            {
                ["body"] = response.Json?.DeepClone(),
                ["httpHeaders"] = headers,
                ["httpStatusCode"] = response.Status,
                ["referenceId"] = referenceId,
            });
        }

        if (allOrNone && anyFailure)
        {
            org.Rollback();
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i]["httpStatusCode"]!.GetValue<int>() < 400)
                {
                    entries[i] = Halted(entries[i]["referenceId"]!.GetValue<string>());
                }
            }
        }
        else
        {
            org.Commit();
        }

        return EmulatorResponse.Ok(new JsonObject { ["compositeResponse"] = new JsonArray(entries.Select(e => (JsonNode?)e).ToArray()) });
    }

    private static JsonObject Halted(string referenceId) => new()
    {
        ["body"] = new JsonArray(new JsonObject
        {
            ["errorCode"] = "PROCESSING_HALTED",
            ["message"] = "The transaction was rolled back since another operation in the same transaction failed.",
        }),
        ["httpHeaders"] = new JsonObject(),
        ["httpStatusCode"] = 400,
        ["referenceId"] = referenceId,
    };

    private EmulatorResponse DispatchUrl(string method, string url, string body)
    {
        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? url : url[..queryStart];
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (queryStart >= 0)
        {
            foreach (var pair in url[(queryStart + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split('=', 2);
                query[Uri.UnescapeDataString(kv[0])] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : string.Empty;
            }
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        if (segments.Count < 3 || segments[0] != "services" || segments[1] != "data" || !segments[2].StartsWith('v'))
        {
            return EmulatorResponse.Error(400, "INVALID_URL", "The URL must start with /services/data/vXX.X/");
        }

        var request = new EmulatorRequest(method, segments.Skip(3).ToList(), query, body, _ => null);
        return Dispatch(request, segments[2][1..]);
    }

    private static JsonNode? Lookup(Dictionary<string, JsonNode?> results, Match m)
    {
        var node = results[m.Groups[1].Value];
        foreach (Match part in PathPart().Matches(m.Groups[2].Value))
        {
            node = part.Groups[1].Success ? node?[part.Groups[1].Value] : node?[int.Parse(part.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)];
        }

        return node;
    }

    [GeneratedRegex(@"@\{([A-Za-z0-9_]+)\.([^}]+)\}")]
    private static partial Regex References();

    [GeneratedRegex(@"([A-Za-z0-9_]+)|\[(\d+)\]")]
    private static partial Regex PathPart();
}
