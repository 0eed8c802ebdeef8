using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;

namespace Gitmoxi.LambdaSources.Providers.TargetRegistration;

/// <summary>
/// Lambda targets of ELB target groups: read by <see cref="RegistrationReader"/>, diffed by <see cref="RegistrationDiff"/>,
/// applied here. A registration needs the ELB statement, added in an earlier phase; a refusal for lack of it is
/// retried briefly while the statement propagates.
/// </summary>
internal sealed class RegistrationProvider : IWiringProvider
{
    public IWiringReader StartRead(AwsClients aws, IReadOnlyList<FunctionDefinition> functions) => new RegistrationReader(aws, functions);

    public bool Handles(ChangeOperation operation) => operation is RegisterTarget or DeregisterTarget;

    public async Task<string?> ApplyAsync(ChangeOperation operation, ApplyContext context, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case RegisterTarget register:
                if (register.Deregister.Count > 0)
                {
                    await DeregisterAsync(context, register.TargetGroupArn, register.Deregister, cancellationToken);
                }

                await RegisterAsync(context, register.TargetGroupArn, register.TargetId, cancellationToken);
                return null;
            case DeregisterTarget deregister:
                await DeregisterAsync(context, deregister.TargetGroupArn, [deregister.TargetId], cancellationToken);
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a target registration operation.");
        }
    }

    /// <summary>
    /// Deregisters whatever state the targets are in. A lost answer is reconciled by reading the group's health: a target
    /// absent or <c>draining</c> is deregistered (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html),
    /// one still registered is deregistered once more.
    /// </summary>
    private static async Task DeregisterAsync(ApplyContext context, string group, IReadOnlyList<string> targets, CancellationToken cancellationToken) =>
        await ReconciledDelete.RunAsync(
            $"DeregisterTargets {string.Join(", ", targets)}",
            async () =>
            {
                try
                {
                    await context.Aws.Elb.DeregisterTargetsAsync(
                        new DeregisterTargetsRequest { TargetGroupArn = group, Targets = [.. targets.Select(id => new TargetDescription { Id = id })] },
                        cancellationToken);
                }
                catch (InvalidTargetException)
                {
                    // Not registered (any more): the goal of a deregistration.
                }
            },
            async () =>
            {
                var health = await context.Aws.Elb.DescribeTargetHealthAsync(new DescribeTargetHealthRequest { TargetGroupArn = group }, cancellationToken);
                return (health.TargetHealthDescriptions ?? []).Any(
                    d => d.TargetHealth?.State != LiveTargetGroup.Draining && targets.Contains(d.Target?.Id ?? string.Empty, StringComparer.Ordinal));
            });

    /// <summary>A permission added a moment ago may not be visible to Elastic Load Balancing yet; that refusal is retried briefly.</summary>
    private static Task RegisterAsync(ApplyContext context, string group, string target, CancellationToken cancellationToken) =>
        PermissionPropagation.RetryAsync<AccessDeniedException>(
            context,
            target,
            () => context.Aws.Elb.RegisterTargetsAsync(
                new RegisterTargetsRequest { TargetGroupArn = group, Targets = [new TargetDescription { Id = target }] }, cancellationToken),
            _ => true,
            cancellationToken);
}
