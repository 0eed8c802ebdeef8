using System.Xml;
using System.Xml.Linq;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// The Query protocol (ELBv2, SNS, STS) over <see cref="AwsRequestSender"/>: requests are form-encoded POSTs (lists as
/// <c>Name.member.N</c>, structures as <c>Name.member.N.Member</c>) of one service API version, answers are XML read
/// by element local names with <see cref="XDocument"/> (no reflection, no DTDs), so it stays AOT-safe.
/// </summary>
internal sealed class QueryProtocol(AwsRequestSender sender, string apiVersion)
{
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    /// <summary>A request body for <paramref name="operation"/> of this protocol's API version.</summary>
    public Form NewForm(string operation) => new(operation, apiVersion);

    /// <returns>The <c>{Operation}Result</c> element (empty for operations that return nothing).</returns>
    public async Task<XElement> SendAsync(Form form, bool isIdempotent, CancellationToken cancellationToken)
    {
        var response = await sender.SendAsync(
            new AwsRequest
            {
                Operation = form.Operation,
                Method = HttpMethod.Post,
                ResourcePath = "/",
                Body = Encoding.UTF8.GetBytes(form.ToString()),
                ContentType = FormContentType,
                IsIdempotent = isIdempotent,
            },
            cancellationToken);

        if (response.Body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return new XElement(form.Operation + "Result");
        }

        try
        {
            using var stream = new MemoryStream(response.Body, writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var root = XDocument.Load(reader).Root!;
            return Child(root, form.Operation + "Result") ?? new XElement(form.Operation + "Result");
        }
        catch (XmlException e)
        {
            throw new AwsUnexpectedResponseException(
                form.Operation, $"{form.Operation} succeeded, but its answer is not the XML the API defines: {e.Message}", e);
        }
    }

    public static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static IEnumerable<XElement> Members(XElement parent, string listName) =>
        Child(parent, listName)?.Elements().Where(e => e.Name.LocalName == "member") ?? [];

    public static string? Text(XElement parent, string localName) => Child(parent, localName)?.Value is { Length: > 0 } text ? text : null;

    public static int? Int(XElement parent, string localName) =>
        int.TryParse(Text(parent, localName), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A Query-protocol request body; values are percent-encoded per RFC 3986.</summary>
    public sealed class Form(string operation, string apiVersion)
    {
        private readonly List<KeyValuePair<string, string>> _parameters = [new("Action", operation), new("Version", apiVersion)];

        public string Operation => operation;

        public Form Add(string name, string? value)
        {
            if (value is not null)
            {
                _parameters.Add(new(name, value));
            }

            return this;
        }

        public Form AddList(string name, List<string>? values)
        {
            for (var i = 0; i < (values?.Count ?? 0); i++)
            {
                Add(string.Create(CultureInfo.InvariantCulture, $"{name}.member.{i + 1}"), values![i]);
            }

            return this;
        }

        public Form AddTargets(List<TargetDescription>? targets)
        {
            for (var i = 0; i < (targets?.Count ?? 0); i++)
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"Targets.member.{i + 1}.");
                Add(prefix + "Id", targets![i].Id);
                Add(prefix + "Port", targets[i].Port?.ToString(CultureInfo.InvariantCulture));
                Add(prefix + "AvailabilityZone", targets[i].AvailabilityZone);
            }

            return this;
        }

        public override string ToString() =>
            string.Join('&', _parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }
}
