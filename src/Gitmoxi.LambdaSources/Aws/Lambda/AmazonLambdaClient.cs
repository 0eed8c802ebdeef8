using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Aws.Lambda;

/// <summary>
/// Lambda's REST-JSON API (2015-03-31) over <see cref="AwsRequestSender"/>. Each operation follows the botocore
/// model: method, URI, which members go to the path, query and body, and their wire names. Path members are
/// percent-encoded (ARNs included); the signature covers them double-encoded, as Lambda expects.
/// </summary>
public sealed class AmazonLambdaClient : IAmazonLambda
{
    private const string JsonContentType = "application/json";
    private const string EventSourceMappings = "/2015-03-31/event-source-mappings";
    private const string EventSourceMapping = "/2015-03-31/event-source-mappings/{UUID}";
    private const string Tags = "/2017-03-31/tags/{Resource}";
    private const string Function = "/2015-03-31/functions/{FunctionName}";
    private const string Alias = "/2015-03-31/functions/{FunctionName}/aliases/{Name}";
    private const string Policy = "/2015-03-31/functions/{FunctionName}/policy";
    private const string PolicyStatement = "/2015-03-31/functions/{FunctionName}/policy/{StatementId}";

    private static readonly LambdaJsonContext Json = LambdaJsonContext.Default;

    private readonly AwsRequestSender _sender;

    /// <param name="timeProvider">Clock for signing and backoff (tests inject one).</param>
    /// <param name="random">Backoff jitter source (tests inject one).</param>
    public AmazonLambdaClient(HttpClient httpClient, AwsSettings settings, TimeProvider? timeProvider = null, Random? random = null)
    {
        _sender = new AwsRequestSender(httpClient, settings, AwsService.Lambda, AmazonLambdaException.Create, timeProvider, random);
        Paginators = new LambdaPaginatorFactory(this);
    }

    public ILambdaPaginatorFactory Paginators { get; }

    public Task<ListEventSourceMappingsResponse> ListEventSourceMappingsAsync(ListEventSourceMappingsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            new AwsRequest
            {
                Operation = "ListEventSourceMappings",
                Method = HttpMethod.Get,
                ResourcePath = EventSourceMappings,
                Query = Query(
                    ("EventSourceArn", request.EventSourceArn),
                    ("FunctionName", request.FunctionName),
                    ("Marker", request.Marker),
                    ("MaxItems", request.MaxItems?.ToString(CultureInfo.InvariantCulture))),
                IsIdempotent = true,
            },
            Json.ListEventSourceMappingsResponse,
            cancellationToken);
    }

    public Task<GetEventSourceMappingResponse> GetEventSourceMappingAsync(GetEventSourceMappingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            new AwsRequest
            {
                Operation = "GetEventSourceMapping",
                Method = HttpMethod.Get,
                ResourcePath = EventSourceMapping,
                PathLabels = Labels(("UUID", request.UUID)),
                IsIdempotent = true,
            },
            Json.GetEventSourceMappingResponse,
            cancellationToken);
    }

    /// <remarks>Not idempotent: after a timeout it reports <see cref="AwsOutcomeUnknownException"/> rather than risk a duplicate.</remarks>
    public Task<CreateEventSourceMappingResponse> CreateEventSourceMappingAsync(CreateEventSourceMappingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Required(request.FunctionName, "FunctionName");
        return SendAsync(
            new AwsRequest
            {
                Operation = "CreateEventSourceMapping",
                Method = HttpMethod.Post,
                ResourcePath = EventSourceMappings,
                Body = JsonSerializer.SerializeToUtf8Bytes(request, Json.CreateEventSourceMappingRequest),
                ContentType = JsonContentType,
                IsIdempotent = false,
            },
            Json.CreateEventSourceMappingResponse,
            cancellationToken);
    }

    public Task<UpdateEventSourceMappingResponse> UpdateEventSourceMappingAsync(UpdateEventSourceMappingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            new AwsRequest
            {
                Operation = "UpdateEventSourceMapping",
                Method = HttpMethod.Put,
                ResourcePath = EventSourceMapping,
                PathLabels = Labels(("UUID", request.UUID)),
                Body = BodyWithout(JsonSerializer.SerializeToNode(request, Json.UpdateEventSourceMappingRequest), "UUID"),
                ContentType = JsonContentType,
                IsIdempotent = true,
            },
            Json.UpdateEventSourceMappingResponse,
            cancellationToken);
    }

    /// <remarks>Not idempotent: a repeated delete would answer "not found" for a delete that worked.</remarks>
    public Task<DeleteEventSourceMappingResponse> DeleteEventSourceMappingAsync(DeleteEventSourceMappingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            new AwsRequest
            {
                Operation = "DeleteEventSourceMapping",
                Method = HttpMethod.Delete,
                ResourcePath = EventSourceMapping,
                PathLabels = Labels(("UUID", request.UUID)),
                IsIdempotent = false,
            },
            Json.DeleteEventSourceMappingResponse,
            cancellationToken);
    }

    public async Task<TagResourceResponse> TagResourceAsync(TagResourceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Required(request.Tags, "Tags");
        await _sender.SendAsync(
            new AwsRequest
            {
                Operation = "TagResource",
                Method = HttpMethod.Post,
                ResourcePath = Tags,
                PathLabels = Labels(("Resource", request.Resource)),
                Body = BodyWithout(JsonSerializer.SerializeToNode(request, Json.TagResourceRequest), "Resource"),
                ContentType = JsonContentType,
                IsIdempotent = true,
            },
            cancellationToken);
        return new TagResourceResponse();
    }

    public async Task<UntagResourceResponse> UntagResourceAsync(UntagResourceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Required(request.TagKeys, "TagKeys");
        await _sender.SendAsync(
            new AwsRequest
            {
                Operation = "UntagResource",
                Method = HttpMethod.Delete,
                ResourcePath = Tags,
                PathLabels = Labels(("Resource", request.Resource)),
                Query = request.TagKeys!.Select(key => new KeyValuePair<string, string>("tagKeys", key)).ToList(),
                IsIdempotent = true,
            },
            cancellationToken);
        return new UntagResourceResponse();
    }

    public Task<ListTagsResponse> ListTagsAsync(ListTagsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            new AwsRequest
            {
                Operation = "ListTags",
                Method = HttpMethod.Get,
                ResourcePath = Tags,
                PathLabels = Labels(("Resource", request.Resource)),
                IsIdempotent = true,
            },
            Json.ListTagsResponse,
            cancellationToken);
    }

    public Task<GetFunctionResponse> GetFunctionAsync(GetFunctionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            new AwsRequest
            {
                Operation = "GetFunction",
                Method = HttpMethod.Get,
                ResourcePath = Function,
                PathLabels = Labels(("FunctionName", request.FunctionName)),
                Query = Query(("Qualifier", request.Qualifier)),
                IsIdempotent = true,
            },
            Json.GetFunctionResponse,
            cancellationToken);
    }

    public Task<GetAliasResponse> GetAliasAsync(GetAliasRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            new AwsRequest
            {
                Operation = "GetAlias",
                Method = HttpMethod.Get,
                ResourcePath = Alias,
                PathLabels = Labels(("FunctionName", request.FunctionName), ("Name", request.Name)),
                IsIdempotent = true,
            },
            Json.GetAliasResponse,
            cancellationToken);
    }

    public Task<GetPolicyResponse> GetPolicyAsync(GetPolicyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            new AwsRequest
            {
                Operation = "GetPolicy",
                Method = HttpMethod.Get,
                ResourcePath = Policy,
                PathLabels = Labels(("FunctionName", request.FunctionName)),
                Query = Query(("Qualifier", request.Qualifier)),
                IsIdempotent = true,
            },
            Json.GetPolicyResponse,
            cancellationToken);
    }

    /// <remarks>Not idempotent: a repeated add would conflict with the statement the first one added.</remarks>
    public Task<AddPermissionResponse> AddPermissionAsync(AddPermissionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Required(request.StatementId, "StatementId");
        Required(request.Action, "Action");
        Required(request.Principal, "Principal");
        return SendAsync(
            new AwsRequest
            {
                Operation = "AddPermission",
                Method = HttpMethod.Post,
                ResourcePath = Policy,
                PathLabels = Labels(("FunctionName", request.FunctionName)),
                Query = Query(("Qualifier", request.Qualifier)),
                Body = BodyWithout(JsonSerializer.SerializeToNode(request, Json.AddPermissionRequest), "FunctionName", "Qualifier"),
                ContentType = JsonContentType,
                IsIdempotent = false,
            },
            Json.AddPermissionResponse,
            cancellationToken);
    }

    /// <remarks>Not idempotent: a repeated remove would answer "not found" for a removal that worked.</remarks>
    public async Task<RemovePermissionResponse> RemovePermissionAsync(RemovePermissionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _sender.SendAsync(
            new AwsRequest
            {
                Operation = "RemovePermission",
                Method = HttpMethod.Delete,
                ResourcePath = PolicyStatement,
                PathLabels = Labels(("FunctionName", request.FunctionName), ("StatementId", request.StatementId)),
                Query = Query(("Qualifier", request.Qualifier), ("RevisionId", request.RevisionId)),
                IsIdempotent = false,
            },
            cancellationToken);
        return new RemovePermissionResponse();
    }

    private async Task<T> SendAsync<T>(AwsRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
        where T : new()
    {
        var response = await _sender.SendAsync(request, cancellationToken);
        if (response.Body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return new T();
        }

        try
        {
            return JsonSerializer.Deserialize(response.Body, responseType) ?? new T();
        }
        catch (JsonException e)
        {
            throw new AwsUnexpectedResponseException(
                request.Operation, $"{request.Operation} succeeded, but its answer is not the JSON the API defines: {e.Message}", e);
        }
    }

    private static Dictionary<string, string> Labels(params (string Name, string? Value)[] labels)
    {
        foreach (var (name, value) in labels)
        {
            Required(value, name);
        }

        return labels.ToDictionary(l => l.Name, l => l.Value!, StringComparer.Ordinal);
    }

    private static List<KeyValuePair<string, string>> Query(params (string Name, string? Value)[] parameters) =>
        [.. parameters.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Name, p.Value!))];

    private static byte[] BodyWithout(System.Text.Json.Nodes.JsonNode? request, params string[] members)
    {
        var body = request!.AsObject();
        foreach (var member in members)
        {
            body.Remove(member);
        }

        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    private static void Required(object? value, string member)
    {
        if (value is null || value is string { Length: 0 })
        {
            throw new ArgumentException($"The request member {member} is required.");
        }
    }
}
