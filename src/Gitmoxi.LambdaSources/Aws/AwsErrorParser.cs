using System.Net;
using System.Net.Http.Headers;
using System.Xml;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// Reads an AWS error from any protocol: REST-JSON and JSON (<c>X-Amzn-ErrorType</c>, <c>__type</c>,
/// <c>code</c>) and Query/XML (<c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;</c>). Unparseable bodies (HTML
/// pages from proxies or emulators) still give a code from the status, and their text is never copied.
/// </summary>
internal static class AwsErrorParser
{
    public static AwsErrorDetails Parse(HttpStatusCode status, HttpResponseHeaders headers, byte[] body, DateTimeOffset now)
    {
        var fromBody = ParseBody(body);
        var code = CodeFromHeader(headers) ?? fromBody.Code ?? string.Create(CultureInfo.InvariantCulture, $"Http{(int)status}");
        var message = fromBody.Message ?? string.Create(
            CultureInfo.InvariantCulture, $"HTTP {(int)status} {status} without an AWS error message.");
        var requestId = Header(headers, "x-amzn-RequestId") ?? Header(headers, "x-amz-request-id") ?? fromBody.RequestId;
        var retryAfter = RetryAfterFromHeader(headers, now) ?? fromBody.RetryAfter;
        return new AwsErrorDetails(code, message, status, requestId, retryAfter);
    }

    private static string? CodeFromHeader(HttpResponseHeaders headers)
    {
        // AWS may append ":http://internal.amazon.com/coral/..." to the code.
        var value = Header(headers, "X-Amzn-ErrorType");
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon >= 0 ? NonEmpty(value![..colon]) : value;
    }

    private static TimeSpan? RetryAfterFromHeader(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var retryAfter = headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter?.Date is { } date ? Max(date - now, TimeSpan.Zero) : null;
    }

    private static BodyError ParseBody(byte[] body)
    {
        var start = Array.FindIndex(body, b => !char.IsWhiteSpace((char)b));
        if (start < 0)
        {
            return BodyError.None;
        }

        return body[start] switch
        {
            (byte)'{' => ParseJson(body),
            (byte)'<' => ParseXml(body),
            _ => BodyError.None,
        };
    }

    private static BodyError ParseJson(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var type = StringMember(root, "__type");
            // JSON 1.x protocols send "namespace#Code".
            var hash = type?.LastIndexOf('#') ?? -1;
            var code = hash >= 0 ? NonEmpty(type![(hash + 1)..]) : type;
            code ??= StringMember(root, "code") ?? StringMember(root, "Code");
            var message = StringMember(root, "message") ?? StringMember(root, "Message");
            return new BodyError(code, message, null, RetryAfterSeconds(root));
        }
        catch (JsonException)
        {
            return BodyError.None;
        }
    }

    private static TimeSpan? RetryAfterSeconds(JsonElement root)
    {
        if (!root.TryGetProperty("retryAfterSeconds", out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString(),
            _ => null,
        };
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && double.IsFinite(seconds) ? TimeSpan.FromSeconds(seconds) : null;
    }

    private static BodyError ParseXml(byte[] body)
    {
        try
        {
            var document = new XmlDocument { XmlResolver = null };
            using (var stream = new MemoryStream(body, writable: false))
            using (var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
            {
                document.Load(reader);
            }

            // <ErrorResponse><Error>…</Error><RequestId/></ErrorResponse> (Query) or <Response><Errors><Error>… (EC2 style).
            var error = FirstElement(document, "Error");
            return error is null
                ? BodyError.None
                : new BodyError(ChildText(error, "Code"), ChildText(error, "Message"), NonEmpty(FirstElement(document, "RequestId")?.InnerText), null);
        }
        catch (XmlException)
        {
            return BodyError.None;
        }
    }

    private static XmlElement? FirstElement(XmlDocument document, string localName) =>
        document.GetElementsByTagName(localName, "*").OfType<XmlElement>().FirstOrDefault();

    private static string? ChildText(XmlElement parent, string localName) =>
        NonEmpty(parent.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == localName)?.InnerText);

    private static string? StringMember(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? NonEmpty(value.GetString())
            : null;

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? NonEmpty(values.FirstOrDefault()) : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed record BodyError(string? Code, string? Message, string? RequestId, TimeSpan? RetryAfter)
    {
        public static readonly BodyError None = new(null, null, null, null);
    }
}
