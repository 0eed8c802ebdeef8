using Gitmoxi.LambdaSources.Aws.ApiGateway.Model;

namespace Gitmoxi.LambdaSources.Providers.RestIntegration;

/// <summary>API Gateway REST API method integrations: read by <see cref="RestReader"/>, diffed by <see cref="RestDiff"/>, applied here.</summary>
internal sealed class RestProvider : IWiringProvider
{
    public IWiringReader StartRead(AwsClients aws, IReadOnlyList<FunctionDefinition> functions) => new RestReader(aws);

    public bool Handles(ChangeOperation operation) => operation is PutRestIntegration or DeleteRestIntegration or DeployRestApiStage;

    public Task<string?> ApplyAsync(ChangeOperation operation, ApplyContext context, CancellationToken cancellationToken) => operation switch
    {
        PutRestIntegration put => PutAsync(context, put, cancellationToken),
        DeleteRestIntegration delete => DeleteAsync(context, delete, cancellationToken),
        DeployRestApiStage deploy => DeployAsync(context, deploy, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a REST API operation."),
    };

    /// <summary>A PUT of the whole integration: repeating it after a lost answer is harmless.</summary>
    private static async Task<string?> PutAsync(ApplyContext context, PutRestIntegration put, CancellationToken cancellationToken)
    {
        var request = new PutIntegrationRequest
        {
            RestApiId = put.RestApiId,
            ResourceId = put.ResourceId,
            HttpMethod = put.HttpMethod,
            Type = "AWS_PROXY",
            IntegrationHttpMethod = "POST",
            Uri = put.Uri,
        };
        await context.Aws.RestApi.PutIntegrationAsync(request, cancellationToken);
        return null;
    }

    /// <summary>A lost answer is reconciled by reading the method: no integration is done, one left is deleted once more.</summary>
    private static async Task<string?> DeleteAsync(ApplyContext context, DeleteRestIntegration delete, CancellationToken cancellationToken)
    {
        var api = context.Aws.RestApi;
        await ReconciledDelete.RunAsync(
            $"DeleteIntegration {delete.RestApiId}/{delete.ResourceId}/{delete.HttpMethod}",
            async () =>
            {
                try
                {
                    await api.DeleteIntegrationAsync(
                        new DeleteIntegrationRequest { RestApiId = delete.RestApiId, ResourceId = delete.ResourceId, HttpMethod = delete.HttpMethod }, cancellationToken);
                }
                catch (NotFoundException)
                {
                    // Already gone.
                }
            },
            async () => (await api.GetMethodAsync(
                new GetMethodRequest { RestApiId = delete.RestApiId, ResourceId = delete.ResourceId, HttpMethod = delete.HttpMethod }, cancellationToken)).MethodIntegration is not null);
        return null;
    }

    /// <summary>The new deployment's id is the change's result.</summary>
    private static async Task<string?> DeployAsync(ApplyContext context, DeployRestApiStage deploy, CancellationToken cancellationToken)
    {
        var answer = await context.Aws.RestApi.CreateDeploymentAsync(
            new CreateDeploymentRequest { RestApiId = deploy.RestApiId, StageName = deploy.StageName, Description = "gitmoxi: Lambda integrations changed" }, cancellationToken);
        return answer.Id;
    }
}
