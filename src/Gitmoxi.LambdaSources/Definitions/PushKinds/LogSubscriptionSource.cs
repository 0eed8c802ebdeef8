using Gitmoxi.LambdaSources.Definitions.Json;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>
/// A CloudWatch Logs subscription filter (<c>"Service": "logs.amazonaws.com"</c>): the native
/// <c>PutSubscriptionFilter</c> members but the destination, which is the qualified function the tool fills in.
/// </summary>
internal sealed record LogSubscriptionPushSource(string LogGroupName, string FilterName, string FilterPattern, SourceSpan Span) : PushSource(Span)
{
    public const string Service = "logs.amazonaws.com";

    /// <summary>The members as the CloudWatch Logs API model (botocore <c>logs</c>) states them (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html).</summary>
    public static readonly StructureShape Shape = new(
    [
        new("Service", new StringShape()),
        new("LogGroupName", new StringShape(1, 512, @"[\.\-_/#A-Za-z0-9]+")),
        new("FilterName", new StringShape(1, 512, @"[^:*]*")),
        new("FilterPattern", new StringShape(0, 1024)),
    ]);
}

/// <summary>The CloudWatch Logs part of the definition file's validation.</summary>
internal sealed partial class EventSourceFileValidator
{
    private LogSubscriptionPushSource? ValidateLogSubscription(SourceObject obj, string path)
    {
        var valid = ShapeValidator.ValidateStructure(obj, LogSubscriptionPushSource.Shape, path, context);
        foreach (var member in LogSubscriptionPushSource.Shape.Names.Skip(1).Where(m => obj.Find(m) is null))
        {
            context.MissingRequired(path, member, obj.Position);
            valid = false;
        }

        return valid && obj.Find("LogGroupName")?.Value is SourceString group && obj.Find("FilterName")?.Value is SourceString name
            && obj.Find("FilterPattern")?.Value is SourceString pattern
            ? new LogSubscriptionPushSource(group.Value, name.Value, pattern.Value, context.Span(obj.Position))
            : null;
    }
}
