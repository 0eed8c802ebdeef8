using System.Text.RegularExpressions;
using Gitmoxi.LambdaSources.Definitions.Json;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>
/// An SNS topic subscription (<c>"Service": "sns.amazonaws.com"</c>): the topic and the native <c>Subscribe</c>
/// attributes that apply to the <c>lambda</c> protocol. The endpoint (the qualified function) is the tool's to fill in.
/// </summary>
internal sealed record SnsPushSource(string TopicArn, IReadOnlyDictionary<string, string> Attributes, SourceSpan Span) : PushSource(Span)
{
    public const string Service = "sns.amazonaws.com";

    public const string FilterPolicy = "FilterPolicy";
    public const string FilterPolicyScope = "FilterPolicyScope";
    public const string RedrivePolicy = "RedrivePolicy";

    /// <summary>The <c>Subscribe</c> attributes of a <c>lambda</c> subscription (https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html).</summary>
    public static readonly string[] LambdaAttributes = [FilterPolicy, FilterPolicyScope, RedrivePolicy];

    /// <summary>Attributes of other protocols: <c>DeliveryPolicy</c> (HTTP/S), <c>RawMessageDelivery</c> (SQS, HTTP/S, Firehose), <c>SubscriptionRoleArn</c> and <c>ReplayPolicy</c> (Firehose).</summary>
    public static readonly string[] OtherProtocolAttributes = ["DeliveryPolicy", "RawMessageDelivery", "SubscriptionRoleArn", "ReplayPolicy"];

    public static readonly string[] Keys = ["Service", "TopicArn", "Attributes"];
}

/// <summary>The SNS part of the definition file's validation.</summary>
internal sealed partial class EventSourceFileValidator
{
    private static readonly string[] FilterPolicyScopes = ["MessageAttributes", "MessageBody"];

    [GeneratedRegex(@"^arn:aws[a-zA-Z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex TopicArn();

    private SnsPushSource? ValidateSns(SourceObject obj, string path)
    {
        ReportUnknownKeys(obj, path, SnsPushSource.Keys, $" ({SnsPushSource.Service} sources take {string.Join(", ", SnsPushSource.Keys)})");
        var topic = RequiredString(obj, path, "TopicArn", TopicArn(), DiagnosticCodes.InvalidArn,
            "is not an SNS topic ARN (arn:aws:sns:{region}:{account}:{topic name})");
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var valid = true;
        switch (obj.Find("Attributes")?.Value)
        {
            case null:
            case SourceUnresolved:
                break;
            case SourceObject map:
                foreach (var property in map.Properties)
                {
                    valid &= ValidateSnsAttribute(property, $"{path}.Attributes", attributes);
                }

                break;
            case var other:
                context.WrongType(other, $"{path}.Attributes", "an object of attribute names to string values");
                valid = false;
                break;
        }

        return topic is null || !valid ? null : new SnsPushSource(topic, attributes, context.Span(obj.Position));
    }

    private bool ValidateSnsAttribute(SourceProperty property, string path, SortedDictionary<string, string> attributes)
    {
        var member = $"{path}.{property.Name}";
        if (SnsPushSource.OtherProtocolAttributes.Contains(property.Name, StringComparer.Ordinal))
        {
            context.Error(DiagnosticCodes.SnsAttributeNotForLambda,
                $"{member} does not apply to a subscription of protocol lambda; a function subscription takes {string.Join(", ", SnsPushSource.LambdaAttributes)}.",
                property.NamePosition);
            return false;
        }

        if (!SnsPushSource.LambdaAttributes.Contains(property.Name, StringComparer.Ordinal))
        {
            context.UnknownKey(property, path, SnsPushSource.LambdaAttributes);
            return false;
        }

        if (context.Expect<SourceString>(property.Value, member, property.Name == SnsPushSource.FilterPolicyScope ? "a string" : "a JSON object written as a string")
            is not { } text)
        {
            return false;
        }

        if (property.Name == SnsPushSource.FilterPolicyScope)
        {
            if (!FilterPolicyScopes.Contains(text.Value, StringComparer.Ordinal))
            {
                context.Error(DiagnosticCodes.NotInEnum, $"{member} is '{text.Value}'; allowed values: {string.Join(", ", FilterPolicyScopes)}.", text.Position);
                return false;
            }
        }
        else if (JsonObjectText(text.Value) is { } problem)
        {
            context.Error(DiagnosticCodes.SnsAttributeNotJson,
                $"{member} must be a JSON object written as a string (e.g. \"{{\\\"type\\\": [\\\"order\\\"]}}\"): {problem}.", text.Position);
            return false;
        }

        attributes[property.Name] = text.Value;
        return true;
    }

    /// <returns>Why <paramref name="text"/> is not a JSON object; null when it is one.</returns>
    internal static string? JsonObjectText(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject ? null : "it is JSON, but not an object";
        }
        catch (JsonException e)
        {
            return "it is not valid JSON (" + e.Message + ")";
        }
    }
}
