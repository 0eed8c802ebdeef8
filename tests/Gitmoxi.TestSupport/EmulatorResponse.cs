using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Gitmoxi.TestSupport;

/// <summary>A raw emulator answer: status code, body text and the AWS error code (from <c>X-Amzn-ErrorType</c>, or
/// from <c>&lt;Error&gt;&lt;Code&gt;</c> for Query-protocol services such as ELBv2).</summary>
public sealed record EmulatorResponse(int StatusCode, string Body, string? ErrorType)
{
    /// <summary>The body parsed as JSON (null when empty).</summary>
    public JsonNode? Json => string.IsNullOrWhiteSpace(Body) ? null : JsonNode.Parse(Body);

    /// <summary>The body parsed as XML (ELBv2, STS); null when it is not XML (JSON, empty, moto's HTML error pages).</summary>
    public XElement? Xml
    {
        get
        {
            try
            {
                return Body.TrimStart().StartsWith('<') ? XElement.Parse(Body) : null;
            }
            catch (XmlException)
            {
                return null;
            }
        }
    }

    /// <summary>The text of every XML element with this local name, in document order, e.g.
    /// <c>XmlValues("TargetGroupArn")</c> of a DescribeTargetGroups answer.</summary>
    public IReadOnlyList<string> XmlValues(string localName) =>
        Xml?.Descendants().Where(e => e.Name.LocalName == localName).Select(e => e.Value).ToList() ?? [];
}
