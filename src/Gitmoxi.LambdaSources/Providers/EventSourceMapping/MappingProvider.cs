namespace Gitmoxi.LambdaSources.Providers.EventSourceMapping;

/// <summary>Event source mappings: read by <see cref="MappingReader"/>, diffed by <see cref="MappingDiff"/>, applied by <see cref="MappingApplier"/>.</summary>
internal sealed class MappingProvider : IWiringProvider
{
    public IWiringReader StartRead(AwsClients aws, IReadOnlyList<FunctionDefinition> functions) => new MappingReader(aws, functions);

    public bool Handles(ChangeOperation operation) => operation is CreateMapping or UpdateMapping or ReplaceMapping or DeleteMapping;

    public Task<string?> ApplyAsync(ChangeOperation operation, ApplyContext context, CancellationToken cancellationToken) =>
        new MappingApplier(context).ExecuteAsync(operation, cancellationToken);
}
