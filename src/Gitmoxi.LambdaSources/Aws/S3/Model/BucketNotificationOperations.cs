using System.Xml;

namespace Gitmoxi.LambdaSources.Aws.S3.Model;

internal sealed class GetBucketNotificationConfigurationRequest
{
    public string? Bucket { get; set; }

    /// <summary>Sent as <c>x-amz-expected-bucket-owner</c>: S3 refuses (403) a bucket another account owns.</summary>
    public string? ExpectedBucketOwner { get; set; }
}

internal sealed class GetBucketNotificationConfigurationResponse
{
    public NotificationConfiguration NotificationConfiguration { get; set; } = NotificationConfiguration.Empty;
}

internal sealed class PutBucketNotificationConfigurationRequest
{
    public string? Bucket { get; set; }

    public string? ExpectedBucketOwner { get; set; }

    public NotificationConfiguration? NotificationConfiguration { get; set; }
}

internal sealed class PutBucketNotificationConfigurationResponse;

/// <summary>One <c>FilterRule</c> of a configuration's <c>Filter.Key</c>: <c>prefix</c> or <c>suffix</c> and its value.</summary>
internal sealed record FilterRule(string Name, string Value);

/// <summary>
/// One child element of a bucket's <c>NotificationConfiguration</c>, in the order S3 returned it. An element read from
/// S3 keeps its XML (<see cref="Raw"/>) and is written back as it was, unknown members included; one the tool builds
/// has none and is written from its members (a <c>CloudFunctionConfiguration</c>, the wire name of
/// <c>LambdaFunctionConfiguration</c>).
/// </summary>
/// <param name="Element">The wire element name: <c>TopicConfiguration</c>, <c>QueueConfiguration</c>, <c>CloudFunctionConfiguration</c>, <c>EventBridgeConfiguration</c>, or one S3 adds later.</param>
/// <param name="Arn">The destination (<c>Topic</c>, <c>Queue</c> or <c>CloudFunction</c>).</param>
internal sealed record NotificationEntry(string Element, string? Id, string? Arn, IReadOnlyList<string> Events, IReadOnlyList<FilterRule> FilterRules)
{
    public const string LambdaElement = "CloudFunctionConfiguration";

    /// <summary>The element as read from S3, written back untouched; null for one the tool builds.</summary>
    public XmlElement? Raw { get; init; }

    public bool IsLambda => Element == LambdaElement;

    /// <summary>A <c>LambdaFunctionConfiguration</c> as the tool writes it.</summary>
    public static NotificationEntry Lambda(string id, string functionArn, IReadOnlyList<string> events, IReadOnlyList<FilterRule> filterRules) =>
        new(LambdaElement, id, functionArn, events, filterRules);
}

/// <summary>
/// A bucket's whole notification configuration (<c>PutBucketNotificationConfiguration</c> replaces it all), read and
/// written as S3's XML (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html).
/// </summary>
internal sealed record NotificationConfiguration(IReadOnlyList<NotificationEntry> Entries)
{
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static readonly string[] DestinationNames = ["Topic", "Queue", "CloudFunction"];

    public static NotificationConfiguration Empty { get; } = new([]);

    public static NotificationConfiguration Read(XmlDocument? document)
    {
        if (document?.DocumentElement is not { } root)
        {
            return Empty;
        }

        var entries = new List<NotificationEntry>();
        foreach (var element in root.ChildNodes.OfType<XmlElement>())
        {
            var filter = Child(element, "Filter") is { } f && Child(f, "S3Key") is { } key
                ? key.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "FilterRule")
                    .Select(r => new FilterRule(Text(r, "Name") ?? string.Empty, Text(r, "Value") ?? string.Empty)).ToList()
                : [];
            var events = element.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "Event").Select(e => e.InnerText).ToList();
            var arn = DestinationNames.Select(n => Text(element, n)).FirstOrDefault(t => t is not null);
            entries.Add(new NotificationEntry(element.LocalName, Text(element, "Id"), arn, events, filter) { Raw = element });
        }

        return new NotificationConfiguration(entries);
    }

    /// <summary>The request body: every element read from S3 as it was, every built one from its members.</summary>
    public byte[] ToXml()
    {
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Encoding = new UTF8Encoding(false), Indent = false };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            writer.WriteStartElement("NotificationConfiguration", Namespace);
            foreach (var entry in Entries)
            {
                if (entry.Raw is { } raw)
                {
                    raw.WriteTo(writer);
                    continue;
                }

                writer.WriteStartElement(entry.Element, Namespace);
                writer.WriteElementString("Id", Namespace, entry.Id);
                writer.WriteElementString("CloudFunction", Namespace, entry.Arn);
                foreach (var name in entry.Events)
                {
                    writer.WriteElementString("Event", Namespace, name);
                }

                if (entry.FilterRules.Count > 0)
                {
                    writer.WriteStartElement("Filter", Namespace);
                    writer.WriteStartElement("S3Key", Namespace);
                    foreach (var rule in entry.FilterRules)
                    {
                        writer.WriteStartElement("FilterRule", Namespace);
                        writer.WriteElementString("Name", Namespace, rule.Name);
                        writer.WriteElementString("Value", Namespace, rule.Value);
                        writer.WriteEndElement();
                    }

                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        return buffer.ToArray();
    }

    /// <summary>The configuration as text: what a plan's staleness and apply's "changed meanwhile" check compare.</summary>
    public string Canonical => Encoding.UTF8.GetString(ToXml());

    private static XmlElement? Child(XmlElement parent, string name) =>
        parent.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == name);

    private static string? Text(XmlElement parent, string name) => Child(parent, name)?.InnerText;
}
