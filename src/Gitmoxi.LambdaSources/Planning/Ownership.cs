namespace Gitmoxi.LambdaSources.Planning;

/// <summary>
/// The tags that mark a resource as created by this tool. Prune deletes only what carries them, and only
/// from the plan of the definition file they name, so two files that target one function never prune
/// each other's mappings.
/// </summary>
public static class Ownership
{
    public const string ManagedByKey = "gitmoxi:managed-by";
    public const string ManagedByValue = "gitmoxi-lambda-sources";
    public const string DefinitionKey = "gitmoxi:definition";

    /// <summary>The ownership tags for a resource declared in <paramref name="definitionFile"/>.</summary>
    public static IReadOnlyDictionary<string, string> Tags(string definitionFile) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ManagedByKey] = ManagedByValue,
        [DefinitionKey] = definitionFile,
    };

    public static bool IsManaged(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(ManagedByKey, out var value) && value == ManagedByValue;

    /// <summary>The definition file named by the ownership tags, or null when the resource is not managed.</summary>
    public static string? DefinitionOf(IReadOnlyDictionary<string, string> tags) =>
        IsManaged(tags) && tags.TryGetValue(DefinitionKey, out var file) ? file : null;
}
