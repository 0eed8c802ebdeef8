using LambdaModel = Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Providers.Permission;

/// <summary>One <c>GetPolicy</c> per function and qualifier a run needs, however many sources ask for it.</summary>
internal sealed class PolicyReader(AwsClients aws)
{
    private readonly OnceReader<(string Function, string Key), IReadOnlyList<LiveStatement>> policies = new(
        (key, ct) => ReadAsync(aws, key.Function, PushSources.QualifierOf(key.Key), ct));

    /// <returns>By qualifier key: its statements.</returns>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<LiveStatement>>> ReadAsync(
        string unqualifiedArn, IEnumerable<string> qualifierKeys, CancellationToken cancellationToken)
    {
        var result = new SortedDictionary<string, IReadOnlyList<LiveStatement>>(StringComparer.Ordinal);
        foreach (var key in qualifierKeys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            result[key] = await policies.GetAsync((unqualifiedArn, key), cancellationToken);
        }

        return result;
    }

    private static async Task<IReadOnlyList<LiveStatement>> ReadAsync(AwsClients aws, string unqualified, string? qualifier, CancellationToken cancellationToken)
    {
        try
        {
            var response = await aws.Lambda.GetPolicyAsync(new LambdaModel.GetPolicyRequest { FunctionName = unqualified, Qualifier = qualifier }, cancellationToken);
            return PushSources.ParsePolicy(response.Policy);
        }
        catch (LambdaModel.ResourceNotFoundException)
        {
            return []; // no policy yet: GetPolicy answers 404 for a qualifier without statements
        }
    }
}
