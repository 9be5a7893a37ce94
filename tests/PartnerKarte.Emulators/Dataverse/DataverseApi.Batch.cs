using System.Text;
using System.Text.RegularExpressions;

namespace PartnerKarte.Emulators.Dataverse;

/// <summary>$batch: multipart/mixed, change sets all-or-nothing, Content-ID references, continue-on-error.</summary>
internal sealed partial class DataverseApi
{
    public const int MaxBatchOperations = 1000;

    [GeneratedRegex(@"(?<!\r)\n")]
    private static partial Regex BareLineFeed();

    /// <summary>Number of operations in the last batch (for counters).</summary>
    public int LastBatchOperationCount { get; private set; }

    internal static string? Boundary(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var p in contentType.Split(';'))
        {
            var t = p.Trim();
            if (t.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
            {
                return t["boundary=".Length..].Trim('"');
            }
        }

        return null;
    }

    private static List<string> SplitParts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<string>();
        var pos = body.IndexOf(delimiter, StringComparison.Ordinal);
        if (pos < 0)
        {
            throw new DataverseError(400, "0x80048d19", "Error identified in Payload provided by the user: the batch boundary was not found.");
        }

        while (true)
        {
            pos += delimiter.Length;
            if (body.AsSpan(pos).StartsWith("--"))
            {
                return parts;
            }

            var next = body.IndexOf("\r\n" + delimiter, pos, StringComparison.Ordinal);
            if (next < 0)
            {
                throw new DataverseError(400, "0x80048d19", "Error identified in Payload provided by the user: the batch is not closed. Stream was not readable.");
            }

            parts.Add(body[pos..next].TrimStart('\r', '\n'));
            pos = next + 2;
        }
    }

    private static (Dictionary<string, string> Headers, string Content) SplitHeaders(string text)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var rest = end < 0 ? string.Empty : text[(end + 4)..];
        foreach (var line in head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, rest);
    }

    private static ApiRequest ParseInner(ApiRequest outer, string content, IReadOnlyDictionary<string, string> contentIds)
    {
        var lineEnd = content.IndexOf("\r\n", StringComparison.Ordinal);
        var requestLine = lineEnd < 0 ? content : content[..lineEnd];
        var pieces = requestLine.Split(' ');
        if (pieces.Length < 2)
        {
            throw new DataverseError(400, "0x80048d19", $"Error identified in Payload provided by the user: '{requestLine}' is not a request line.");
        }

        var method = pieces[0].ToUpperInvariant();
        var target = pieces[1];
        var root = Root(outer.Url);
        if (target.StartsWith('$'))
        {
            var slash = target.IndexOf('/');
            var id = slash < 0 ? target[1..] : target[1..slash];
            if (!contentIds.TryGetValue(id, out var url))
            {
                throw new DataverseError(400, "0x0", $"Content-ID Reference: '${id}' does not exist in the batch context.");
            }

            target = url + (slash < 0 ? string.Empty : target[slash..]);
        }
        else if (target.StartsWith('/'))
        {
            target = outer.Url.GetLeftPart(UriPartial.Authority) + target;
        }
        else if (!target.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            target = root + target;
        }

        var (headers, body) = SplitHeaders(lineEnd < 0 ? string.Empty : content[(lineEnd + 2)..]);
        var request = new ApiRequest
        {
            Method = method,
            Url = new Uri(target),
            Body = body.TrimEnd('\r', '\n').Length == 0 ? null : body.TrimEnd('\r', '\n'),
            ContentIds = contentIds,
            InBatch = true,
        };
        foreach (var kv in headers)
        {
            request.Headers[kv.Key] = kv.Value;
        }

        return request;
    }

    private static void WritePart(StringBuilder sb, string boundary, ApiResponse response, string? contentId)
    {
        sb.Append("--").Append(boundary).Append("\r\n");
        sb.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId is not null)
        {
            sb.Append("Content-ID: ").Append(contentId).Append("\r\n");
        }

        sb.Append("\r\n");
        sb.Append("HTTP/1.1 ").Append(response.Status).Append(' ').Append(ApiResponse.Reason(response.Status)).Append("\r\n");
        sb.Append("OData-Version: 4.0\r\n");
        if (response.ContentType is not null)
        {
            sb.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
        }

        foreach (var h in response.Headers)
        {
            sb.Append(h.Key).Append(": ").Append(h.Value).Append("\r\n");
        }

        sb.Append("\r\n");
        if (response.Body is not null)
        {
            sb.Append(response.Body);
        }

        sb.Append("\r\n");
    }

    public ApiResponse ExecuteBatch(ApiRequest r)
    {
        try
        {
            return Batch(r);
        }
        catch (DataverseError e)
        {
            return Error(e.Status, e.Code, e.Message);
        }
    }

    private ApiResponse Batch(ApiRequest r)
    {
        var boundary = Boundary(r.Header("Content-Type"))
            ?? throw new DataverseError(400, "0x80048d19", "The batch request must have a 'Content-Type' header of 'multipart/mixed' with a boundary.");
        var body = r.Body ?? string.Empty;
        if (BareLineFeed().IsMatch(body))
        {
            throw new DataverseError(400, "0x80048d19", "Error identified in Payload provided by the user. Lines of a batch must end with CRLF. Stream was not readable.");
        }

        var parts = SplitParts(body, boundary);
        var plan = new List<(Dictionary<string, string> Headers, string Content, List<(Dictionary<string, string> Headers, string Content)>? ChangeSet)>();
        var operations = 0;
        foreach (var part in parts)
        {
            var (headers, content) = SplitHeaders(part);
            if (Boundary(headers.GetValueOrDefault("Content-Type")) is { } cs)
            {
                var subs = SplitParts(content, cs).Select(SplitHeaders).Select(x => (x.Headers, x.Content)).ToList();
                operations += subs.Count;
                plan.Add((headers, content, subs));
            }
            else
            {
                operations++;
                plan.Add((headers, content, null));
            }
        }

        LastBatchOperationCount = operations;
        if (operations > MaxBatchOperations)
        {
            throw new DataverseError(400, "0x8005f103", $"The number of requests in the batch ({operations}) exceeds the maximum of {MaxBatchOperations}.");
        }

        var continueOnError = r.Preferences.Contains("odata.continue-on-error");
        var responseBoundary = "batchresponse_" + Guid.NewGuid();
        var sb = new StringBuilder();
        var emptyIds = new Dictionary<string, string>();

        foreach (var (_, content, changeSet) in plan)
        {
            if (changeSet is null)
            {
                var inner = ParseInner(r, content, emptyIds);
                var response = inner.Url.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal)
                    ? Error(400, "0x80048d19", "A batch cannot contain another batch.")
                    : Execute(inner);
                if (response.Status >= 400 && !continueOnError)
                {
                    return FailedBatch(response, null);
                }

                WritePart(sb, responseBoundary, response, null);
                continue;
            }

            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            var results = new List<(ApiResponse Response, string? ContentId)>();
            (ApiResponse Response, string? ContentId)? failure = null;
            store.BeginTransaction();
            foreach (var (headers, subContent) in changeSet)
            {
                var contentId = headers.GetValueOrDefault("Content-ID");
                ApiResponse response;
                try
                {
                    var inner = ParseInner(r, subContent, ids);
                    response = inner.Method == "GET"
                        ? Error(400, "0x80048d19", "GET requests are not allowed inside a change set.")
                        : Execute(inner);
                }
                catch (DataverseError e)
                {
                    response = Error(e.Status, e.Code, e.Message);
                }

                if (response.Status >= 400)
                {
                    failure = (response, contentId);
                    break;
                }

                if (contentId is not null && response.Headers.FirstOrDefault(h => h.Key == "OData-EntityId").Value is { } url)
                {
                    ids[contentId] = url;
                }

                results.Add((response, contentId));
            }

            if (failure is { } f)
            {
                store.Rollback();
                if (!continueOnError)
                {
                    return FailedBatch(f.Response, f.ContentId);
                }

                // A failed change set is answered in its own changesetresponse part holding only the failing operation
                // (with its Content-ID); the operations before it were rolled back and get no part.
                var failedBoundary = "changesetresponse_" + Guid.NewGuid();
                sb.Append("--").Append(responseBoundary).Append("\r\n");
                sb.Append("Content-Type: multipart/mixed; boundary=").Append(failedBoundary).Append("\r\n\r\n");
                WritePart(sb, failedBoundary, f.Response.With("REQ_ID", Guid.NewGuid().ToString()), f.ContentId);
                sb.Append("--").Append(failedBoundary).Append("--\r\n");
                continue;
            }

            store.Commit();
            var csBoundary = "changesetresponse_" + Guid.NewGuid();
            sb.Append("--").Append(responseBoundary).Append("\r\n");
            sb.Append("Content-Type: multipart/mixed; boundary=").Append(csBoundary).Append("\r\n\r\n");
            foreach (var (response, contentId) in results)
            {
                WritePart(sb, csBoundary, response, contentId);
            }

            sb.Append("--").Append(csBoundary).Append("--\r\n");
        }

        sb.Append("--").Append(responseBoundary).Append("--\r\n");
        return new ApiResponse { Status = 200, ContentType = "multipart/mixed; boundary=" + responseBoundary, Body = sb.ToString() };

        ApiResponse FailedBatch(ApiResponse failed, string? contentId)
        {
            // Without odata.continue-on-error Dataverse stops at the first failure and answers 400 with that part only.
            var fb = new StringBuilder();
            WritePart(fb, responseBoundary, failed.With("REQ_ID", Guid.NewGuid().ToString()), contentId);
            fb.Append("--").Append(responseBoundary).Append("--\r\n");
            return new ApiResponse { Status = 400, ContentType = "multipart/mixed; boundary=" + responseBoundary, Body = fb.ToString() };
        }
    }
}
