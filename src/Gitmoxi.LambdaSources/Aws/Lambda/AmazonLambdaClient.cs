using Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Aws.Lambda;

/// <summary>
/// Lambda's REST-JSON API (2015-03-31) over <see cref="RestJsonProtocol"/>. Each operation is a descriptor from the
/// botocore model (method, URI, idempotence) and the members it puts in the path and query; the rest of the request
/// goes to the JSON body. Path members are percent-encoded (ARNs included); the signature covers them double-encoded,
/// as Lambda expects. Methods, URIs and member names follow the botocore <c>lambda</c> model (2015-03-31); names as
/// AWSSDK.Lambda's <c>AmazonLambdaClient</c>. Errors are the <see cref="AwsServiceException"/> subtypes of
/// <c>Model/LambdaExceptions.cs</c>, <see cref="AwsOutcomeUnknownException"/> (a create, delete or permission change
/// may have taken effect) or <see cref="AwsTransportException"/>.
/// </summary>
internal sealed class AmazonLambdaClient
{
    /// <summary>The largest page <c>ListEventSourceMappings</c> returns, so listing takes as few calls as possible.</summary>
    internal const int MaxEventSourceMappingsPage = 10000;

    private const string Mappings = "/2015-03-31/event-source-mappings";
    private const string Mapping = Mappings + "/{UUID}";
    private const string Tags = "/2017-03-31/tags/{Resource}";
    private const string Function = "/2015-03-31/functions/{FunctionName}";
    private const string Policy = Function + "/policy";

    // Not idempotent: creates, deletes and permission changes would conflict, duplicate or answer "not found" when
    // repeated after they took effect, so they are never repeated blindly.
    private static readonly RestJsonOperation ListEventSourceMappings = new("ListEventSourceMappings", HttpMethod.Get, Mappings, true);
    private static readonly RestJsonOperation GetEventSourceMapping = new("GetEventSourceMapping", HttpMethod.Get, Mapping, true);
    private static readonly RestJsonOperation CreateEventSourceMapping = new("CreateEventSourceMapping", HttpMethod.Post, Mappings, false);
    private static readonly RestJsonOperation UpdateEventSourceMapping = new("UpdateEventSourceMapping", HttpMethod.Put, Mapping, true);
    private static readonly RestJsonOperation DeleteEventSourceMapping = new("DeleteEventSourceMapping", HttpMethod.Delete, Mapping, false);
    private static readonly RestJsonOperation TagResource = new("TagResource", HttpMethod.Post, Tags, true);
    private static readonly RestJsonOperation UntagResource = new("UntagResource", HttpMethod.Delete, Tags, true);
    private static readonly RestJsonOperation ListTags = new("ListTags", HttpMethod.Get, Tags, true);
    private static readonly RestJsonOperation GetFunction = new("GetFunction", HttpMethod.Get, Function, true);
    private static readonly RestJsonOperation GetAlias = new("GetAlias", HttpMethod.Get, Function + "/aliases/{Name}", true);
    private static readonly RestJsonOperation ListAliases = new("ListAliases", HttpMethod.Get, Function + "/aliases", true);
    private static readonly RestJsonOperation ListVersionsByFunction = new("ListVersionsByFunction", HttpMethod.Get, Function + "/versions", true);
    private static readonly RestJsonOperation GetPolicy = new("GetPolicy", HttpMethod.Get, Policy, true);
    private static readonly RestJsonOperation AddPermission = new("AddPermission", HttpMethod.Post, Policy, false);
    private static readonly RestJsonOperation RemovePermission = new("RemovePermission", HttpMethod.Delete, Policy + "/{StatementId}", false);

    private static readonly LambdaJsonContext Json = LambdaJsonContext.Default;

    private readonly RestJsonProtocol _rest;

    /// <param name="timeProvider">Clock for signing and backoff (tests inject one).</param>
    /// <param name="random">Backoff jitter source (tests inject one).</param>
    /// <param name="logger">Where retries are reported.</param>
    public AmazonLambdaClient(HttpClient httpClient, AwsSettings settings, TimeProvider? timeProvider = null, Random? random = null, ILogger? logger = null)
    {
        var errors = AwsServiceException.Factory(
            (nameof(ResourceNotFoundException), e => new ResourceNotFoundException(e)),
            (nameof(ResourceConflictException), e => new ResourceConflictException(e)),
            (nameof(ResourceInUseException), e => new ResourceInUseException(e)),
            (nameof(PolicyLengthExceededException), e => new PolicyLengthExceededException(e)));
        _rest = new RestJsonProtocol(new AwsRequestSender(httpClient, settings, AwsService.Lambda, errors, timeProvider, random, logger));
    }

    public Task<ListEventSourceMappingsResponse> ListEventSourceMappingsAsync(ListEventSourceMappingsRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(
            ListEventSourceMappings,
            request,
            [],
            [
                ("EventSourceArn", request?.EventSourceArn), ("FunctionName", request?.FunctionName), ("Marker", request?.Marker),
                ("MaxItems", request?.MaxItems?.ToString(CultureInfo.InvariantCulture)),
            ],
            null,
            Json.ListEventSourceMappingsResponse,
            cancellationToken);

    public Task<GetEventSourceMappingResponse> GetEventSourceMappingAsync(GetEventSourceMappingRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(GetEventSourceMapping, request, [("UUID", request?.UUID)], [], null, Json.GetEventSourceMappingResponse, cancellationToken);

    /// <remarks>Not idempotent: after a timeout it reports <see cref="AwsOutcomeUnknownException"/> rather than risk a duplicate.</remarks>
    public Task<CreateEventSourceMappingResponse> CreateEventSourceMappingAsync(CreateEventSourceMappingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RestJsonProtocol.Required(request.FunctionName, "FunctionName");
        return _rest.SendAsync(
            CreateEventSourceMapping, request, [], [], Json.CreateEventSourceMappingRequest, Json.CreateEventSourceMappingResponse, cancellationToken);
    }

    public Task<UpdateEventSourceMappingResponse> UpdateEventSourceMappingAsync(UpdateEventSourceMappingRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(
            UpdateEventSourceMapping, request, [("UUID", request?.UUID)], [], Json.UpdateEventSourceMappingRequest, Json.UpdateEventSourceMappingResponse, cancellationToken);

    /// <remarks>Not idempotent: a repeated delete would answer "not found" for a delete that worked.</remarks>
    public Task<DeleteEventSourceMappingResponse> DeleteEventSourceMappingAsync(DeleteEventSourceMappingRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(DeleteEventSourceMapping, request, [("UUID", request?.UUID)], [], null, Json.DeleteEventSourceMappingResponse, cancellationToken);

    public Task<TagResourceResponse> TagResourceAsync(TagResourceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RestJsonProtocol.Required(request.Tags, "Tags");
        return _rest.SendAsync<TagResourceRequest, TagResourceResponse>(
            TagResource, request, [("Resource", request.Resource)], [], Json.TagResourceRequest, null, cancellationToken);
    }

    public Task<UntagResourceResponse> UntagResourceAsync(UntagResourceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RestJsonProtocol.Required(request.TagKeys, "TagKeys");
        return _rest.SendAsync<UntagResourceRequest, UntagResourceResponse>(
            UntagResource, request, [("Resource", request.Resource)], [.. request.TagKeys!.Select(key => ("tagKeys", (string?)key))], null, null, cancellationToken);
    }

    public Task<ListTagsResponse> ListTagsAsync(ListTagsRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(ListTags, request, [("Resource", request?.Resource)], [], null, Json.ListTagsResponse, cancellationToken);

    public Task<GetFunctionResponse> GetFunctionAsync(GetFunctionRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(
            GetFunction, request, [("FunctionName", request?.FunctionName)], [("Qualifier", request?.Qualifier)], null, Json.GetFunctionResponse, cancellationToken);

    public Task<GetAliasResponse> GetAliasAsync(GetAliasRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(
            GetAlias, request, [("FunctionName", request?.FunctionName), ("Name", request?.Name)], [], null, Json.GetAliasResponse, cancellationToken);

    public Task<ListAliasesResponse> ListAliasesAsync(ListAliasesRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(
            ListAliases, request, [("FunctionName", request?.FunctionName)], [("Marker", request?.Marker)], null, Json.ListAliasesResponse, cancellationToken);

    public Task<ListVersionsByFunctionResponse> ListVersionsByFunctionAsync(ListVersionsByFunctionRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(
            ListVersionsByFunction,
            request,
            [("FunctionName", request?.FunctionName)],
            [("Marker", request?.Marker)],
            null,
            Json.ListVersionsByFunctionResponse,
            cancellationToken);

    public Task<GetPolicyResponse> GetPolicyAsync(GetPolicyRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(
            GetPolicy, request, [("FunctionName", request?.FunctionName)], [("Qualifier", request?.Qualifier)], null, Json.GetPolicyResponse, cancellationToken);

    /// <remarks>Not idempotent: a repeated add would conflict with the statement the first one added.</remarks>
    public Task<AddPermissionResponse> AddPermissionAsync(AddPermissionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RestJsonProtocol.Required(request.StatementId, "StatementId");
        RestJsonProtocol.Required(request.Action, "Action");
        RestJsonProtocol.Required(request.Principal, "Principal");
        return _rest.SendAsync(
            AddPermission,
            request,
            [("FunctionName", request.FunctionName)],
            [("Qualifier", request.Qualifier)],
            Json.AddPermissionRequest,
            Json.AddPermissionResponse,
            cancellationToken);
    }

    /// <remarks>Not idempotent: a repeated remove would answer "not found" for a removal that worked.</remarks>
    public Task<RemovePermissionResponse> RemovePermissionAsync(RemovePermissionRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync<RemovePermissionRequest, RemovePermissionResponse>(
            RemovePermission,
            request,
            [("FunctionName", request?.FunctionName), ("StatementId", request?.StatementId)],
            [("Qualifier", request?.Qualifier), ("RevisionId", request?.RevisionId)],
            null,
            null,
            cancellationToken);

    /// <summary>
    /// Every mapping of every page (<c>ListEventSourceMappings</c> following <c>NextMarker</c>), pages of
    /// <see cref="MaxEventSourceMappingsPage"/> unless the request sets <c>MaxItems</c>; the caller's request is not changed.
    /// </summary>
    public IAsyncEnumerable<EventSourceMappingConfiguration> ListAllEventSourceMappings(ListEventSourceMappingsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AwsPaging.AllAsync(
            async (marker, ct) =>
            {
                var page = await ListEventSourceMappingsAsync(
                    new()
                    {
                        EventSourceArn = request.EventSourceArn,
                        FunctionName = request.FunctionName,
                        MaxItems = request.MaxItems ?? MaxEventSourceMappingsPage,
                        Marker = marker,
                    },
                    ct);
                return (page.EventSourceMappings, page.NextMarker);
            },
            request.Marker);
    }
}
