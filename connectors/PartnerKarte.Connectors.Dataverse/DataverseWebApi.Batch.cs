using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>One operation of a $batch; operations with the same <see cref="Group"/> form one change set (all or nothing).</summary>
internal sealed record BatchOperation(string Method, string RelativeUrl, JsonObject? Body, int Group, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>The answer to one batch operation.</summary>
internal sealed record BatchResult(int Status, string? ErrorCode, string? Message, JsonObject? Body)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>$batch: multipart/mixed with CRLF line ends, a change set per group, <c>odata.continue-on-error</c>.</summary>
internal sealed partial class DataverseWebApi
{
    public async Task<IReadOnlyList<BatchResult>> ExecuteBatchAsync(IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken)
    {
        var boundary = "batch_" + Guid.NewGuid().ToString("N");
        var body = BuildBatch(operations, boundary);
        using var response = await SendAsync(
            () =>
            {
                var m = new HttpRequestMessage(HttpMethod.Post, new Uri(ApiRoot, "$batch"))
                {
                    Content = new StringContent(body, Encoding.UTF8),
                };
                m.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={boundary}");
                m.Headers.TryAddWithoutValidation("Prefer", "odata.continue-on-error");
                return m;
            },
            $"$batch ({operations.Count} operations)",
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var responseBoundary = response.Content.Headers.ContentType?.Parameters.FirstOrDefault(p => p.Name == "boundary")?.Value?.Trim('"')
            ?? throw DataverseFailure.Create(200, string.Empty, "The $batch response has no boundary.");
        return ParseBatch(text, responseBoundary, operations);
    }

    internal string BuildBatch(IReadOnlyList<BatchOperation> operations, string boundary)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < operations.Count)
        {
            var group = operations[i].Group;
            var changeSet = "changeset_" + Guid.NewGuid().ToString("N");
            sb.Append("--").Append(boundary).Append("\r\n");
            sb.Append("Content-Type: multipart/mixed; boundary=").Append(changeSet).Append("\r\n\r\n");
            for (; i < operations.Count && operations[i].Group == group; i++)
            {
                var op = operations[i];
                sb.Append("--").Append(changeSet).Append("\r\n");
                sb.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
                sb.Append("Content-ID: ").Append(i + 1).Append("\r\n\r\n");
                sb.Append(op.Method).Append(' ').Append(new Uri(ApiRoot, op.RelativeUrl).AbsoluteUri).Append(" HTTP/1.1\r\n");
                sb.Append("Content-Type: application/json; type=entry\r\n");
                foreach (var h in op.Headers ?? new Dictionary<string, string>())
                {
                    sb.Append(h.Key).Append(": ").Append(h.Value).Append("\r\n");
                }

                sb.Append("\r\n");
                if (op.Body is not null)
                {
                    sb.Append(op.Body.ToJsonString());
                }

                sb.Append("\r\n");
            }

            sb.Append("--").Append(changeSet).Append("--\r\n");
        }

        sb.Append("--").Append(boundary).Append("--\r\n");
        return sb.ToString();
    }

    internal static IReadOnlyList<BatchResult> ParseBatch(string text, string boundary, IReadOnlyList<BatchOperation> operations)
    {
        var results = new BatchResult?[operations.Count];
        var nextUnanswered = 0;
        foreach (var part in Parts(text, boundary))
        {
            var (headers, content) = Split(part);
            var nested = headers.GetValueOrDefault("Content-Type") is { } ct && ct.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase)
                ? ct[(ct.IndexOf("boundary=", StringComparison.OrdinalIgnoreCase) + 9)..].Trim('"', ' ')
                : null;
            if (nested is not null)
            {
                foreach (var sub in Parts(content, nested))
                {
                    var (subHeaders, subContent) = Split(sub);
                    var subResult = ParseHttp(subContent);
                    if (!subResult.Succeeded && FailGroup(subHeaders, subResult))
                    {
                        continue;
                    }

                    Place(subHeaders, subResult);
                }

                continue;
            }

            var result = ParseHttp(content);
            if (!result.Succeeded && FailGroup(headers, result))
            {
                continue;
            }

            Place(headers, result);
        }

        return [.. results.Select(r => r ?? new BatchResult(0, "NO_RESPONSE", "The $batch response had no part for this operation.", null))];

        // A failed change set is answered by one part, bare or inside its own changesetresponse: every operation of that
        // group failed (the others were rolled back).
        bool FailGroup(Dictionary<string, string> headers, BatchResult result)
        {
            var index = headers.TryGetValue("Content-ID", out var id) && int.TryParse(id, out var n) ? n - 1 : nextUnanswered;
            if (index < 0 || index >= operations.Count)
            {
                return false;
            }

            var group = operations[index].Group;
            for (var k = 0; k < operations.Count; k++)
            {
                if (operations[k].Group == group && results[k] is null)
                {
                    results[k] = result;
                }
            }

            while (nextUnanswered < results.Length && results[nextUnanswered] is not null)
            {
                nextUnanswered++;
            }

            return true;
        }

        void Place(Dictionary<string, string> headers, BatchResult result)
        {
            var index = headers.TryGetValue("Content-ID", out var id) && int.TryParse(id, out var n) ? n - 1 : nextUnanswered;
            if (index >= 0 && index < results.Length)
            {
                results[index] = result;
            }

            while (nextUnanswered < results.Length && results[nextUnanswered] is not null)
            {
                nextUnanswered++;
            }
        }
    }

    private static IEnumerable<string> Parts(string text, string boundary)
    {
        var delimiter = "--" + boundary;
        var pos = text.IndexOf(delimiter, StringComparison.Ordinal);
        while (pos >= 0)
        {
            pos += delimiter.Length;
            if (text.AsSpan(pos).StartsWith("--"))
            {
                yield break;
            }

            var next = text.IndexOf(delimiter, pos, StringComparison.Ordinal);
            if (next < 0)
            {
                yield break;
            }

            yield return text[pos..next].Trim('\r', '\n');
            pos = next;
        }
    }

    private static (Dictionary<string, string> Headers, string Content) Split(string part)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var end = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = end < 0 ? part : part[..end];
        foreach (var line in head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, end < 0 ? string.Empty : part[(end + 4)..]);
    }

    private static BatchResult ParseHttp(string content)
    {
        var lineEnd = content.IndexOf("\r\n", StringComparison.Ordinal);
        var statusLine = lineEnd < 0 ? content : content[..lineEnd];
        var pieces = statusLine.Split(' ', 3);
        var status = pieces.Length > 1 && int.TryParse(pieces[1], out var s) ? s : 0;
        var (_, body) = Split(lineEnd < 0 ? string.Empty : content[(lineEnd + 2)..]);
        body = body.Trim();
        JsonObject? json = null;
        if (body.StartsWith('{'))
        {
            json = JsonNode.Parse(body) as JsonObject;
        }

        if (status is >= 200 and < 300)
        {
            return new BatchResult(status, null, null, json);
        }

        var (code, message) = ParseError(body);
        return new BatchResult(status, code, message ?? statusLine, json);
    }
}
