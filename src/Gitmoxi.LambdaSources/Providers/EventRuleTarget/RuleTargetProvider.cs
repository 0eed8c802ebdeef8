using Gitmoxi.LambdaSources.Aws.EventBridge.Model;

namespace Gitmoxi.LambdaSources.Providers.EventRuleTarget;

/// <summary>
/// Targets of EventBridge rules: read by <see cref="RuleTargetReader"/>, diffed by <see cref="RuleTargetDiff"/>, applied
/// here. The statement for <c>events.amazonaws.com</c> is added in an earlier phase. <c>PutTargets</c> and
/// <c>RemoveTargets</c> answer 200 with per-target failures: any failure is a failed change.
/// </summary>
internal sealed class RuleTargetProvider : IWiringProvider
{
    public IWiringReader StartRead(AwsClients aws, IReadOnlyList<FunctionDefinition> functions) => new RuleTargetReader(aws);

    public bool Handles(ChangeOperation operation) => operation is PutRuleTarget or RemoveRuleTarget;

    public async Task<string?> ApplyAsync(ChangeOperation operation, ApplyContext context, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case PutRuleTarget put:
                var members = put.Members.ToDictionary(m => m.Key, m => JsonDocument.Parse(m.Value?.ToJsonString() ?? "null").RootElement.Clone(), StringComparer.Ordinal);
                var added = await context.Aws.Events.PutTargetsAsync(
                    new PutTargetsRequest
                    {
                        Rule = put.Rule,
                        EventBusName = put.EventBusName,
                        Targets = [new Target { Id = put.TargetId, Arn = put.FunctionArn, Members = members.Count == 0 ? null : members }],
                    },
                    cancellationToken);
                Check("PutTargets", put.Rule, added.FailedEntryCount, added.FailedEntries?.Select(e => (e.TargetId, e.ErrorCode, e.ErrorMessage)));
                return put.TargetId;
            case RemoveRuleTarget remove:
                var removed = await context.Aws.Events.RemoveTargetsAsync(
                    new RemoveTargetsRequest { Rule = remove.Rule, EventBusName = remove.EventBusName, Ids = [remove.TargetId] }, cancellationToken);
                Check("RemoveTargets", remove.Rule, removed.FailedEntryCount, removed.FailedEntries?.Select(e => (e.TargetId, e.ErrorCode, e.ErrorMessage)));
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not an EventBridge rule target operation.");
        }
    }

    /// <param name="failedEntries">The answer's failed entries (botocore has one entry shape for each operation, with the same members).</param>
    private static void Check(
        string operation, string rule, int? failedEntryCount, IEnumerable<(string? TargetId, string? ErrorCode, string? ErrorMessage)>? failedEntries)
    {
        if (failedEntryCount is > 0 && failedEntries?.FirstOrDefault() is { } failed)
        {
            throw new GitmoxiException(
                DiagnosticCodes.ChangeFailed, $"{operation} on the rule {rule} refused the target {failed.TargetId}: {failed.ErrorCode}: {failed.ErrorMessage}");
        }
    }
}
