using Gitmoxi.LambdaSources.Aws.SimpleNotificationService.Model;

namespace Gitmoxi.LambdaSources.Providers.SnsSubscription;

/// <summary>A <c>lambda</c> subscription of a topic, with its attributes when it is the planned function's.</summary>
internal sealed record LiveSubscription(string SubscriptionArn, string Endpoint, IReadOnlyDictionary<string, string> Attributes);

/// <summary>One topic as <c>ListSubscriptionsByTopic</c> shows it: its <c>lambda</c> subscriptions (none when it does not exist).</summary>
internal sealed record LiveTopic(string Arn, bool Exists, IReadOnlyList<LiveSubscription> Subscriptions);

/// <summary>The topics one function's SNS sources (declared, or named by this repository's statements) refer to.</summary>
internal sealed record SubscriptionLive(IReadOnlyDictionary<string, LiveTopic> Topics, string UnqualifiedArn) : IWiringLive
{
    public IEnumerable<string> QualifierKeys =>
        PushSources.QualifierKeysOf(Topics.Values.SelectMany(t => t.Subscriptions).Select(s => s.Endpoint), UnqualifiedArn);

    public string Fingerprint => string.Join(
        "\n", Topics.Values.OrderBy(t => t.Arn, StringComparer.Ordinal).Select(t => $"{t.Arn} {t.Exists} " + string.Join(
            ",", t.Subscriptions.OrderBy(s => s.SubscriptionArn, StringComparer.Ordinal)
                .Select(s => $"{s.SubscriptionArn}={s.Endpoint}{{{string.Join(";", s.Attributes.Select(a => a.Key + "=" + a.Value))}}}"))));

    public WiringPlan Diff(PlanTarget target, IReadOnlyList<OwnedStatement> owned) => SubscriptionDiff.Plan(target, this, owned);
}

/// <summary>
/// Reads each topic the run names once (<c>ListSubscriptionsByTopic</c>, every page), and the attributes
/// (<c>GetSubscriptionAttributes</c>) of the subscriptions whose endpoint is a planned function, each once.
/// </summary>
internal sealed class SubscriptionReader(AwsClients aws) : IWiringReader
{
    private readonly OnceReader<string, LiveTopic> topics = new((arn, ct) => ReadTopicAsync(aws, arn, ct), StringComparer.Ordinal);
    private readonly OnceReader<string, IReadOnlyDictionary<string, string>> attributes = new(
        (arn, ct) => ReadAttributesAsync(aws, arn, ct), StringComparer.Ordinal);

    public Task<IWiringLive> ReadAsync(PlanTarget target, CancellationToken cancellationToken) =>
        ReadTopicsAsync(target, new Dictionary<string, LiveTopic>(), target.Function.PushSources.OfType<SnsPushSource>().Select(s => s.TopicArn), cancellationToken);

    public Task<IWiringLive> ReadOwnedAsync(PlanTarget target, IWiringLive live, IReadOnlyList<OwnedStatement> owned, CancellationToken cancellationToken) =>
        ReadTopicsAsync(
            target, ((SubscriptionLive)live).Topics, owned.Where(s => s.Id.Kind == StatementIds.SnsKind).Select(s => s.Statement.SourceArn).OfType<string>(), cancellationToken);

    /// <summary>Only a topic of the function's own account and Region is read: the diff refuses any other.</summary>
    private async Task<IWiringLive> ReadTopicsAsync(PlanTarget target, IReadOnlyDictionary<string, LiveTopic> known, IEnumerable<string> arns, CancellationToken cancellationToken) =>
        new SubscriptionLive(
            await NamedResources.AddAsync(known, arns.Where(a => PushSources.WithFunction(a, target.QualifiedArn)), (arn, ct) => ReadForFunctionAsync(target, arn, ct), cancellationToken),
            target.UnqualifiedArn);

    /// <summary>The topic with the attributes of the function's own subscriptions.</summary>
    private async Task<LiveTopic> ReadForFunctionAsync(PlanTarget target, string arn, CancellationToken cancellationToken)
    {
        var topic = await topics.GetAsync(arn, cancellationToken);
        var subscriptions = new List<LiveSubscription>();
        foreach (var subscription in topic.Subscriptions)
        {
            subscriptions.Add(FunctionArns.Unqualified(subscription.Endpoint) == target.UnqualifiedArn
                ? subscription with { Attributes = await attributes.GetAsync(subscription.SubscriptionArn, cancellationToken) }
                : subscription);
        }

        return topic with { Subscriptions = subscriptions };
    }

    private static async Task<LiveTopic> ReadTopicAsync(AwsClients aws, string arn, CancellationToken cancellationToken)
    {
        var subscriptions = await PagedList.ReadIfExistsAsync(
            (next, ct) => aws.Sns.ListSubscriptionsByTopicAsync(new ListSubscriptionsByTopicRequest { TopicArn = arn, NextToken = next }, ct),
            page => (page.Subscriptions, page.NextToken),
            e => e is NotFoundException,
            cancellationToken);
        var lambda = (subscriptions ?? []).Where(s => s.Protocol == SubscriptionDiff.Protocol && s.SubscriptionArn is not null && s.Endpoint is not null);
        return new LiveTopic(arn, subscriptions is not null, [.. lambda.Select(s => new LiveSubscription(s.SubscriptionArn!, s.Endpoint!, new Dictionary<string, string>()))]);
    }

    private static async Task<IReadOnlyDictionary<string, string>> ReadAttributesAsync(AwsClients aws, string subscriptionArn, CancellationToken cancellationToken)
    {
        var response = await aws.Sns.GetSubscriptionAttributesAsync(new GetSubscriptionAttributesRequest { SubscriptionArn = subscriptionArn }, cancellationToken);
        return new SortedDictionary<string, string>(
            (response.Attributes ?? []).Where(a => SnsPushSource.LambdaAttributes.Contains(a.Key, StringComparer.Ordinal)).ToDictionary(a => a.Key, a => a.Value),
            StringComparer.Ordinal);
    }
}
