using Gitmoxi.LambdaSources.Definitions.Json;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>
/// A target on an existing EventBridge rule (<c>"Service": "events.amazonaws.com"</c>): the rule, its bus, and the
/// native <c>PutTargets</c> target members a file may set (<see cref="TargetMembers"/>). The target's <c>Id</c> and
/// <c>Arn</c> (the qualified function) are the tool's to fill in.
/// </summary>
/// <param name="Members">The declared target members, by their API names, as the file writes them.</param>
internal sealed record EventRulePushSource(string Rule, string EventBusName, JsonObject Members, SourceSpan Span) : PushSource(Span)
{
    public const string Service = "events.amazonaws.com";
    public const string DefaultBus = "default";

    public static readonly string[] TargetMembers = ["Input", "InputPath", "InputTransformer", "RetryPolicy", "DeadLetterConfig"];

    /// <summary>
    /// The rule and the target members, typed as the EventBridge API model (botocore <c>events</c>) states them
    /// (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html).
    /// </summary>
    public static readonly StructureShape Shape = new(
    [
        new("Service", new StringShape()),
        new("Rule", new StringShape(1, 64, @"[\.\-_A-Za-z0-9]+")),
        new("EventBusName", new StringShape(1, 256, @"[/\.\-_A-Za-z0-9]+")),
        new("Input", new StringShape(0, 8192)),
        new("InputPath", new StringShape(0, 256)),
        new("InputTransformer", new StructureShape(
        [
            new("InputPathsMap", new MapShape(new StringShape(1, 256, @"[A-Za-z0-9_-]+"), new StringShape(0, 256), 0, 100)),
            new("InputTemplate", new StringShape(1, 8192)),
        ])),
        new("RetryPolicy", new StructureShape(
        [
            new("MaximumRetryAttempts", new IntegerShape(0, 185)),
            new("MaximumEventAgeInSeconds", new IntegerShape(60, 86400)),
        ])),
        new("DeadLetterConfig", new StructureShape([new("Arn", new StringShape(1, 1600, @"^arn:aws[a-z-]*:sqs:[a-z0-9\-]+:\d{12}:[a-zA-Z0-9\-_]+$", Format: StringFormat.Arn))])),
    ]);
}

/// <summary>The EventBridge rule part of the definition file's validation.</summary>
internal sealed partial class EventSourceFileValidator
{
    private EventRulePushSource? ValidateEventRule(SourceObject obj, string path)
    {
        var valid = ShapeValidator.ValidateStructure(obj, EventRulePushSource.Shape, path, context);
        if (obj.Find("Rule") is null)
        {
            context.MissingRequired(path, "Rule", obj.Position);
            valid = false;
        }

        var inputs = obj.Properties.Where(p => p.Name is "Input" or "InputPath" or "InputTransformer").ToList();
        if (inputs.Count > 1)
        {
            context.Error(DiagnosticCodes.EventTargetInputsExclusive,
                $"{path} sets {string.Join(" and ", inputs.Select(p => p.Name))}; a target takes at most one of Input, InputPath and InputTransformer.",
                inputs[1].NamePosition);
            valid = false;
        }

        if (obj.Find("Input")?.Value is SourceString { Value: var input } inputText && !IsJson(input))
        {
            context.Error(DiagnosticCodes.EventTargetInputNotJson,
                $"{path}.Input must be valid JSON text written as a string (e.g. \"{{\\\"job\\\": \\\"nightly\\\"}}\"); it is passed to the function as the event.",
                inputText.Position);
            valid = false;
        }

        if (obj.Find("InputTransformer")?.Value is SourceObject transformer && transformer.Find("InputTemplate") is null)
        {
            context.MissingRequired($"{path}.InputTransformer", "InputTemplate", transformer.Position);
            valid = false;
        }

        if (!valid || obj.Find("Rule")?.Value is not SourceString rule)
        {
            return null;
        }

        var members = new JsonObject();
        foreach (var property in obj.Properties.Where(p => EventRulePushSource.TargetMembers.Contains(p.Name, StringComparer.Ordinal)))
        {
            members[property.Name] = SourceNodeConversion.ToJsonNode(property.Value);
        }

        var bus = (obj.Find("EventBusName")?.Value as SourceString)?.Value ?? EventRulePushSource.DefaultBus;
        return new EventRulePushSource(rule.Value, bus, members, context.Span(obj.Position));
    }

    private static bool IsJson(string text)
    {
        try
        {
            JsonNode.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
