namespace Gitmoxi.LambdaSources.Providers.SnsSubscription;

/// <summary>
/// Diffs one function's declared SNS topics against their live <c>lambda</c> subscriptions. Pure. A subscription
/// carries no owner of its own (no tags, no id of ours): this repository's statement for the topic
/// (<c>gitmoxi-sns-{repo}-{topic digest}</c>) is its record, so only a subscription of this function on a topic that
/// statement names is ever unsubscribed by prune. A declared topic's existing subscription of this function (made by
/// hand or another tool) is adopted, never duplicated: SNS has one subscription per topic, protocol and endpoint.
/// </summary>
internal static class SubscriptionDiff
{
    public const string Protocol = "lambda";

    private const string DefaultScope = "MessageAttributes";

    /// <summary>
    /// The order attributes are set in: the scope first, since a filter policy is checked against it
    /// (https://docs.aws.amazon.com/sns/latest/dg/message-filtering-apply.html).
    /// </summary>
    private static readonly string[] Order = [SnsPushSource.FilterPolicyScope, SnsPushSource.FilterPolicy, SnsPushSource.RedrivePolicy];

    public static WiringPlan Plan(PlanTarget target, SubscriptionLive live, IReadOnlyList<OwnedStatement> owned)
    {
        var plan = new WiringPlanBuilder();
        var key = PushSources.QualifierKey(target.Function.Qualifier);
        foreach (var source in target.Function.PushSources.OfType<SnsPushSource>())
        {
            var sid = StatementIds.OfSource(StatementIds.SnsKind, target.Owner, source.TopicArn);
            plan.Declared.Add(sid);
            if (Problem(target, live, source) is { } problem)
            {
                plan.Skipped.Add(sid);
                plan.Diagnostics.Add(problem);
                continue;
            }

            plan.Permissions.Add(new PermissionRequirement(key, sid, null, SnsPushSource.Service, source.TopicArn, source.Span));
            plan.Changes.Add(Subscription(target, live.Topics[source.TopicArn], source));
        }

        foreach (var statement in owned.Where(s => s.Id.Kind == StatementIds.SnsKind && !plan.Declared.Contains(s.Statement.Sid)))
        {
            var endpoint = PushSources.QualifiedArn(target.UnqualifiedArn, PushSources.QualifierOf(statement.QualifierKey));
            if (statement.Statement.SourceArn is not { } arn || !live.Topics.TryGetValue(arn, out var topic)
                || topic.Subscriptions.FirstOrDefault(s => s.Endpoint == endpoint) is not { } subscription)
            {
                continue;
            }

            plan.AddUndeclared(target, statement, new PlannedChange(
                ChangeAction.Delete, ResourceKind.SnsSubscription, Address(arn), subscription.SubscriptionArn, new UnsubscribeFunction(subscription.SubscriptionArn),
                [new("Endpoint", CanonicalJson.Quote(endpoint), null)], ["created by gitmoxi and no longer declared; prune is on"], null));
        }

        return plan.Build();
    }

    public static string Address(string topicArn) => "sns-subscription sns:" + topicArn.Split(':')[^1];

    private static PlannedChange Subscription(PlanTarget target, LiveTopic topic, SnsPushSource source)
    {
        var wanted = target.QualifiedArn;
        var ours = topic.Subscriptions.Where(s => FunctionArns.Unqualified(s.Endpoint) == target.UnqualifiedArn).ToList();
        var address = Address(topic.Arn);
        if (ours.FirstOrDefault(s => s.Endpoint == wanted) is { } existing)
        {
            var changed = Order.Select(name => (Name: name, Before: Effective(name, existing.Attributes.GetValueOrDefault(name)),
                    After: Effective(name, source.Attributes.GetValueOrDefault(name)), Declared: source.Attributes.GetValueOrDefault(name)))
                .Where(a => a.Before != a.After)
                .ToList();
            if (changed.Count == 0)
            {
                return new PlannedChange(ChangeAction.NoOp, ResourceKind.SnsSubscription, address, existing.SubscriptionArn, null, [], [], source.Span);
            }

            return new PlannedChange(
                ChangeAction.Update, ResourceKind.SnsSubscription, address, existing.SubscriptionArn,
                new SetSubscriptionAttributes(existing.SubscriptionArn, [.. changed.Select(a => new SubscriptionAttribute(a.Name, a.Declared ?? Reset(a.Name)))]),
                [.. changed.Select(a => new FieldDiff("Attributes." + a.Name, Shown(a.Before), Shown(a.After), AfterIsDefault: a.Declared is null))],
                ["changed in place (SetSubscriptionAttributes); the subscription is kept"], source.Span);
        }

        var stale = ours.FirstOrDefault();
        var notes = stale is null
            ? new List<string> { "subscribed after its permission, which lets SNS invoke the function" }
            : ["another qualifier of this function is subscribed: this one is subscribed, then that one unsubscribed"];
        var fields = new List<FieldDiff> { new("Endpoint", stale is null ? null : CanonicalJson.Quote(stale.Endpoint), CanonicalJson.Quote(wanted)) };
        fields.AddRange(source.Attributes.Select(a => new FieldDiff("Attributes." + a.Key, null, Shown(Effective(a.Key, a.Value)))));
        return new PlannedChange(
            stale is null ? ChangeAction.Create : ChangeAction.Update, ResourceKind.SnsSubscription, address, stale?.SubscriptionArn,
            new SubscribeFunction(topic.Arn, wanted, source.Attributes, stale?.SubscriptionArn), fields, notes, source.Span);
    }

    /// <summary>
    /// An attribute as SNS applies it: a filter or redrive policy compared as canonical JSON, absent when empty
    /// (<c>{}</c> is how a filter policy is removed: https://docs.aws.amazon.com/cli/latest/reference/sns/set-subscription-attributes.html);
    /// the scope <c>MessageAttributes</c> when unset (https://docs.aws.amazon.com/sns/latest/api/API_SetSubscriptionAttributes.html).
    /// </summary>
    private static string? Effective(string name, string? value)
    {
        if (name == SnsPushSource.FilterPolicyScope)
        {
            return string.IsNullOrEmpty(value) ? DefaultScope : value;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(value) is JsonObject { Count: 0 } ? null : CanonicalJson.ForComparison(JsonNode.Parse(value));
        }
        catch (JsonException)
        {
            return value;
        }
    }

    /// <summary>The value that removes an attribute the file leaves out.</summary>
    private static string Reset(string name) => name switch
    {
        SnsPushSource.FilterPolicyScope => DefaultScope,
        SnsPushSource.FilterPolicy => "{}",
        _ => string.Empty,
    };

    private static string? Shown(string? value) => value is null ? null : CanonicalJson.Quote(value);

    private static Diagnostic? Problem(PlanTarget target, SubscriptionLive live, SnsPushSource source)
    {
        var arn = source.TopicArn;
        return PushSources.ElsewhereThanFunction(
                DiagnosticCodes.SnsTopicElsewhere,
                "topic",
                arn,
                target.QualifiedArn,
                "gitmoxi subscribes functions to topics of their own account and Region only (a topic of another account needs that account's "
                + "topic policy and a subscription confirmed from there).",
                source.Span)
            ?? (live.Topics.TryGetValue(arn, out var topic) && topic.Exists
                ? null
                : Diagnostic.Error(DiagnosticCodes.SnsTopicNotFound, $"The topic {arn} does not exist: create it before subscribing the function to it.", source.Span));
    }
}
