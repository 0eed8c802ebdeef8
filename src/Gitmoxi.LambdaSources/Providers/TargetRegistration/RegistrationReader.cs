using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;

namespace Gitmoxi.LambdaSources.Providers.TargetRegistration;

/// <summary>
/// One target group as <c>DescribeTargetHealth</c> shows it. Every documented state but <c>draining</c> is a registered
/// target (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html,
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html#target-health-states):
/// <c>initial</c> (registering, or first health checks), <c>healthy</c>, <c>unhealthy</c>, <c>unused</c> (reason
/// <c>Target.NotInUse</c>: no listener or rule of any load balancer forwards to the group) and <c>unavailable</c> (reason
/// <c>Target.HealthCheckDisabled</c>, the default of a Lambda group) all name a registration that stays until it is
/// deregistered. A <c>draining</c> target is being deregistered: it is no registration any more.
/// </summary>
/// <param name="RegisteredTargets">Ids (function ARNs, for a Lambda group) of the targets registered now, in any state but <c>draining</c>.</param>
/// <param name="DrainingTargets">Ids of the targets being deregistered (<c>draining</c>).</param>
internal sealed record LiveTargetGroup(string Arn, bool Exists, string? TargetType, IReadOnlyList<string> RegisteredTargets, IReadOnlyList<string> DrainingTargets)
{
    /// <summary>The state AWS reports for a target being deregistered.</summary>
    internal const string Draining = "draining";

    /// <summary>Every target in the group whatever its state, draining included: what the one-function-per-group limit counts.</summary>
    public IEnumerable<string> AnyState => RegisteredTargets.Concat(DrainingTargets);
}

/// <summary>The target groups one function's ELB sources (declared, or named by this repository's statements) refer to.</summary>
internal sealed record RegistrationLive(IReadOnlyDictionary<string, LiveTargetGroup> TargetGroups, string? Qualifier, string UnqualifiedArn) : IWiringLive
{
    public IEnumerable<string> QualifierKeys => PushSources.QualifierKeysOf(TargetGroups.Values.SelectMany(g => g.RegisteredTargets), UnqualifiedArn);

    public string Fingerprint => string.Join(
        "\n", TargetGroups.Values.OrderBy(g => g.Arn, StringComparer.Ordinal)
            .Select(g => $"{g.Arn} {g.Exists} {g.TargetType} {string.Join(",", g.RegisteredTargets.Order(StringComparer.Ordinal))} {string.Join(",", g.DrainingTargets.Order(StringComparer.Ordinal))}"));

    public WiringPlan Diff(PlanTarget target, IReadOnlyList<OwnedStatement> owned) => RegistrationDiff.Plan(target, this, owned);
}

/// <summary>
/// Reads target groups at the floor of API calls: the groups the files declare are described
/// <see cref="DescribeBatchSize"/> at a time (shared by every function of the run), each group's health once.
/// </summary>
internal sealed class RegistrationReader : IWiringReader
{
    /// <summary>
    /// Target groups per <c>DescribeTargetGroups</c>. ELBv2 documents no bound for <c>TargetGroupArns</c>; 20 is its
    /// bound for <c>LoadBalancerArns</c> and fits one page, so no batch is ever paged or refused for its size.
    /// </summary>
    internal const int DescribeBatchSize = 20;

    private readonly AwsClients aws;
    private readonly Dictionary<string, string[]> batchOf = new(StringComparer.Ordinal);
    private readonly OnceReader<string[], IReadOnlyDictionary<string, TargetGroup>?> batches;
    private readonly OnceReader<string, LiveTargetGroup> groups;

    /// <param name="functions">
    /// Every target group the files name is described together with others of its account and Region, the first time
    /// any of a batch is needed (a batch of another account is never needed, as only same-account groups are read).
    /// </param>
    public RegistrationReader(AwsClients aws, IReadOnlyList<FunctionDefinition> functions)
    {
        this.aws = aws;
        batches = new(DescribeBatchAsync);
        groups = new(ReadGroupAsync, StringComparer.Ordinal);
        var declared = functions.SelectMany(f => f.PushSources).OfType<ElbPushSource>().Select(s => s.TargetGroupArn);
        foreach (var sameAccount in declared.Distinct(StringComparer.Ordinal).GroupBy(PushSources.ArnParts))
        {
            foreach (var batch in sameAccount.Chunk(DescribeBatchSize))
            {
                foreach (var arn in batch)
                {
                    batchOf[arn] = batch;
                }
            }
        }
    }

    public async Task<IWiringLive> ReadAsync(PlanTarget target, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, LiveTargetGroup>(StringComparer.Ordinal);
        foreach (var arn in target.Function.PushSources.OfType<ElbPushSource>().Select(s => s.TargetGroupArn)
            .Where(arn => PushSources.WithFunction(arn, target.QualifiedArn)))
        {
            found[arn] = await groups.GetAsync(arn, cancellationToken);
        }

        return new RegistrationLive(found, target.Function.Qualifier, target.UnqualifiedArn);
    }

    public async Task<IWiringLive> ReadOwnedAsync(PlanTarget target, IWiringLive live, IReadOnlyList<OwnedStatement> owned, CancellationToken cancellationToken)
    {
        var current = (RegistrationLive)live;
        var found = new Dictionary<string, LiveTargetGroup>(current.TargetGroups, StringComparer.Ordinal);
        foreach (var arn in owned.Where(s => s.Id.Kind == StatementIds.ElbKind).Select(s => s.Statement.SourceArn).OfType<string>()
            .Where(arn => !found.ContainsKey(arn) && PushSources.WithFunction(arn, target.QualifiedArn)))
        {
            found[arn] = await groups.GetAsync(arn, cancellationToken);
        }

        return current with { TargetGroups = found };
    }

    /// <summary>
    /// The batch's groups by ARN, or null when ELBv2 refused the batch (one of its groups does not exist: the call
    /// then names none), so each group is described on its own.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, TargetGroup>?> DescribeBatchAsync(string[] arns, CancellationToken cancellationToken)
    {
        try
        {
            var response = await aws.Elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = [.. arns] }, cancellationToken);
            return (response.TargetGroups ?? []).Where(g => g.TargetGroupArn is not null)
                .ToDictionary(g => g.TargetGroupArn!, StringComparer.Ordinal);
        }
        catch (TargetGroupNotFoundException)
        {
            return null;
        }
    }

    private async Task<TargetGroup?> DescribeGroupAsync(string arn, CancellationToken cancellationToken)
    {
        if (batchOf.TryGetValue(arn, out var batch) && await batches.GetAsync(batch, cancellationToken) is { } described)
        {
            return described.GetValueOrDefault(arn);
        }

        try
        {
            var response = await aws.Elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = [arn] }, cancellationToken);
            return response.TargetGroups?.FirstOrDefault(g => g.TargetGroupArn == arn);
        }
        catch (TargetGroupNotFoundException)
        {
            return null;
        }
    }

    private async Task<LiveTargetGroup> ReadGroupAsync(string arn, CancellationToken cancellationToken)
    {
        var group = await DescribeGroupAsync(arn, cancellationToken);
        if (group is null)
        {
            return new LiveTargetGroup(arn, false, null, [], []);
        }

        if (group.TargetType != "lambda")
        {
            return new LiveTargetGroup(arn, true, group.TargetType, [], []);
        }

        var health = await aws.Elb.DescribeTargetHealthAsync(new DescribeTargetHealthRequest { TargetGroupArn = arn }, cancellationToken);
        var described = (health.TargetHealthDescriptions ?? []).Where(d => d.Target?.Id is not null).ToList();
        var draining = described.Where(d => d.TargetHealth?.State == LiveTargetGroup.Draining).Select(d => d.Target!.Id!).ToList();
        var registered = described.Where(d => d.TargetHealth?.State != LiveTargetGroup.Draining).Select(d => d.Target!.Id!).ToList();
        return new LiveTargetGroup(arn, true, group.TargetType, registered, draining);
    }
}
