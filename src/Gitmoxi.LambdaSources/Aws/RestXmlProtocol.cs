using System.Xml;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// The REST-XML protocol (S3) over <see cref="AwsRequestSender"/>: labels, query parameters and headers as the caller
/// names them, an XML body sent as given, and the answer read as an XML document (null for an empty answer). XML is
/// read without DTDs or external resolution, and no reflection is involved (Native AOT).
/// </summary>
internal sealed class RestXmlProtocol(AwsRequestSender sender)
{
    private const string XmlContentType = "application/xml";

    /// <param name="hostPrefix">A label in front of the endpoint's host (S3's virtual-hosted bucket), or null.</param>
    public async Task<XmlDocument?> SendAsync(
        RestJsonOperation operation,
        IReadOnlyList<(string Name, string? Value)> labels,
        IReadOnlyList<(string Name, string? Value)> query,
        IReadOnlyList<(string Name, string? Value)> headers,
        string? hostPrefix,
        byte[]? body,
        CancellationToken cancellationToken)
    {
        var request = RestJsonProtocol.Request(operation, labels, query, body, XmlContentType) with
        {
            Headers = headers.Where(h => h.Value is not null).ToDictionary(h => h.Name, h => h.Value!, StringComparer.OrdinalIgnoreCase),
            HostPrefix = hostPrefix,
        };
        var answer = await sender.SendAsync(request, cancellationToken);
        if (answer.Body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        try
        {
            return Load(answer.Body);
        }
        catch (XmlException e)
        {
            throw new AwsUnexpectedResponseException(
                operation.Name, $"{operation.Name} succeeded, but its answer is not the XML the API defines: {e.Message}", e);
        }
    }

    /// <summary>Reads XML without DTD processing or external resolution.</summary>
    public static XmlDocument Load(byte[] xml)
    {
        var document = new XmlDocument { XmlResolver = null, PreserveWhitespace = true };
        using var stream = new MemoryStream(xml, writable: false);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        document.Load(reader);
        return document;
    }
}
