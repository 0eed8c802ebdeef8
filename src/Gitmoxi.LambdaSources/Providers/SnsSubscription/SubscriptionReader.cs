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
        Topics.Values.SelectMany(t => t.Subscriptions).Select(s => s.Endpoint)
            .Where(e => FunctionArns.Unqualified(e) == UnqualifiedArn)
            .Select(e => PushSources.QualifierKey(PushSources.QualifierOfArn(e)));

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
        ReadTopicsAsync(target, new Dictionary<string, LiveTopic>(StringComparer.Ordinal),
            target.Function.PushSources.OfType<SnsPushSource>().Select(s => s.TopicArn), cancellationToken);

    public Task<IWiringLive> ReadOwnedAsync(PlanTarget target, IWiringLive live, IReadOnlyList<OwnedStatement> owned, CancellationToken cancellationToken) =>
        ReadTopicsAsync(target, new Dictionary<string, LiveTopic>(((SubscriptionLive)live).Topics, StringComparer.Ordinal),
            owned.Where(s => s.Id.Kind == StatementIds.SnsKind).Select(s => s.Statement.SourceArn).OfType<string>(), cancellationToken);

    private async Task<IWiringLive> ReadTopicsAsync(PlanTarget target, Dictionary<string, LiveTopic> found, IEnumerable<string> arns, CancellationToken cancellationToken)
    {
        // Only a topic of the function's own account and Region is read: the diff refuses any other.
        foreach (var arn in arns.Where(a => !found.ContainsKey(a) && PushSources.ArnParts(a) == PushSources.ArnParts(target.QualifiedArn)))
        {
            var topic = await topics.GetAsync(arn, cancellationToken);
            var subscriptions = new List<LiveSubscription>();
            foreach (var subscription in topic.Subscriptions)
            {
                subscriptions.Add(FunctionArns.Unqualified(subscription.Endpoint) == target.UnqualifiedArn
                    ? subscription with { Attributes = await attributes.GetAsync(subscription.SubscriptionArn, cancellationToken) }
                    : subscription);
            }

            found[arn] = topic with { Subscriptions = subscriptions };
        }

        return new SubscriptionLive(found, target.UnqualifiedArn);
    }

    private static async Task<LiveTopic> ReadTopicAsync(AwsClients aws, string arn, CancellationToken cancellationToken)
    {
        var subscriptions = new List<LiveSubscription>();
        try
        {
            await foreach (var s in aws.Sns.ListAllSubscriptionsByTopic(new ListSubscriptionsByTopicRequest { TopicArn = arn }).WithCancellation(cancellationToken))
            {
                if (s.Protocol == SubscriptionDiff.Protocol && s.SubscriptionArn is not null && s.Endpoint is not null)
                {
                    subscriptions.Add(new LiveSubscription(s.SubscriptionArn, s.Endpoint, new Dictionary<string, string>()));
                }
            }
        }
        catch (NotFoundException)
        {
            return new LiveTopic(arn, false, []);
        }

        return new LiveTopic(arn, true, subscriptions);
    }

    private static async Task<IReadOnlyDictionary<string, string>> ReadAttributesAsync(AwsClients aws, string subscriptionArn, CancellationToken cancellationToken)
    {
        var response = await aws.Sns.GetSubscriptionAttributesAsync(new GetSubscriptionAttributesRequest { SubscriptionArn = subscriptionArn }, cancellationToken);
        return new SortedDictionary<string, string>(
            (response.Attributes ?? []).Where(a => SnsPushSource.LambdaAttributes.Contains(a.Key, StringComparer.Ordinal)).ToDictionary(a => a.Key, a => a.Value),
            StringComparer.Ordinal);
    }
}
