using Gitmoxi.LambdaSources.Definitions.Json;

namespace Gitmoxi.LambdaSources.Definitions.PushKinds;

/// <summary>
/// A method of an API Gateway REST API whose <c>AWS_PROXY</c> integration invokes the function. It shares
/// <c>Service: apigateway.amazonaws.com</c> with HTTP API routes; <c>RestApiId</c> (not <c>ApiId</c>) tells them apart.
/// </summary>
internal sealed record RestApiPushSource(string RestApiId, string ResourceId, string HttpMethod, string? AliasStageVariableName, SourceSpan Span)
    : PushSource(Span);

/// <summary>Checks an <c>apigateway.amazonaws.com</c> push source that names a <c>RestApiId</c>.</summary>
internal sealed partial class RestApiSourceValidator(ValidationContext context)
{
    public const string DiscriminatingKey = "RestApiId";

    private static readonly StructureShape Shape = new(
    [
        new("Service", new StringShape()),
        new("RestApiId", new StringShape(1, 128, "[a-z0-9]+")),
        new("ResourceId", new StringShape(1, 128, "[a-z0-9]+")),
        new("HttpMethod", new StringShape(Enum: ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"])),
        new("AliasStageVariableName", new StringShape(1, 128, "[A-Za-z0-9_]+")),
    ]);

    public static bool IsRestApi(SourceObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.Find(DiscriminatingKey) is not null;
    }

    public RestApiPushSource? Validate(SourceObject obj, string path)
    {
        var valid = ShapeValidator.ValidateStructure(obj, Shape, path, context);
        foreach (var member in new[] { "RestApiId", "ResourceId", "HttpMethod" })
        {
            if (obj.Find(member) is null)
            {
                context.MissingRequired(path, member, obj.Position);
                valid = false;
            }
        }

        string? Text(string member) => (obj.Find(member)?.Value as SourceString)?.Value;
        return valid && Text("RestApiId") is { } api && Text("ResourceId") is { } resource && Text("HttpMethod") is { } method
            ? new RestApiPushSource(api, resource, method, Text("AliasStageVariableName"), context.Span(obj.Position))
            : null;
    }
}
