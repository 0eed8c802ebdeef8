using System.Text.Json.Serialization.Metadata;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// One REST operation (REST-JSON, or S3's REST-XML) as the botocore model describes it: its name, HTTP method, URI template, and whether
/// repeating it after it may have taken effect leaves the same result (see <see cref="AwsRequest.IsIdempotent"/>).
/// </summary>
internal sealed record RestJsonOperation(string Name, HttpMethod Method, string Path, bool IsIdempotent);

/// <summary>
/// The REST-JSON protocol (Lambda, API Gateway v2) over <see cref="AwsRequestSender"/>: the members named as path
/// labels and query parameters go to the URI, every other member of the request to a JSON body, and the answer is
/// read with the response's source-generated contract (an empty answer is an empty response).
/// </summary>
internal sealed class RestJsonProtocol(AwsRequestSender sender)
{
    private const string JsonContentType = "application/json";

    /// <param name="labels">Path labels by member name; each is required.</param>
    /// <param name="query">Query parameters (null values left out); repeated names allowed.</param>
    /// <param name="body">The request's contract when the operation has a body: the request minus labels and query.</param>
    /// <param name="response">The response's contract, or null for an operation whose answer carries nothing.</param>
    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        RestJsonOperation operation,
        TRequest request,
        IReadOnlyList<(string Name, string? Value)> labels,
        IReadOnlyList<(string Name, string? Value)> query,
        JsonTypeInfo<TRequest>? body,
        JsonTypeInfo<TResponse>? response,
        CancellationToken cancellationToken)
        where TResponse : new()
    {
        ArgumentNullException.ThrowIfNull(request);
        var answer = await sender.SendAsync(
            Request(operation, labels, query, body is null ? null : Body(request, body, labels.Concat(query).Select(m => m.Name)), JsonContentType),
            cancellationToken);
        return Read(operation.Name, answer.Body, response);
    }

    /// <summary>A successful answer read with its contract; an empty answer (or none expected) is an empty response.</summary>
    /// <exception cref="AwsUnexpectedResponseException">The answer is not the JSON the API defines.</exception>
    public static TResponse Read<TResponse>(string operation, byte[] body, JsonTypeInfo<TResponse>? response)
        where TResponse : new()
    {
        if (response is null || body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return new TResponse();
        }

        try
        {
            return JsonSerializer.Deserialize(body, response) ?? new TResponse();
        }
        catch (JsonException e)
        {
            throw new AwsUnexpectedResponseException(operation, $"{operation} succeeded, but its answer is not the JSON the API defines: {e.Message}", e);
        }
    }

    /// <summary>A REST operation's request, JSON or XML (<see cref="RestXmlProtocol"/>): each label required, null query parameters left out.</summary>
    internal static AwsRequest Request(
        RestJsonOperation operation,
        IReadOnlyList<(string Name, string? Value)> labels,
        IReadOnlyList<(string Name, string? Value)> query,
        byte[]? body,
        string contentType)
    {
        foreach (var (name, value) in labels)
        {
            Required(value, name);
        }

        return new AwsRequest
        {
            Operation = operation.Name,
            Method = operation.Method,
            ResourcePath = operation.Path,
            PathLabels = labels.ToDictionary(l => l.Name, l => l.Value!, StringComparer.Ordinal),
            Query = [.. query.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Name, p.Value!))],
            Body = body,
            ContentType = body is null ? null : contentType,
            IsIdempotent = operation.IsIdempotent,
        };
    }

    /// <exception cref="ArgumentException">A required member is missing or empty; nothing is sent.</exception>
    public static void Required(object? value, string member)
    {
        if (value is null || value is string { Length: 0 })
        {
            throw new ArgumentException($"The request member {member} is required.");
        }
    }

    private static byte[] Body<TRequest>(TRequest request, JsonTypeInfo<TRequest> contract, IEnumerable<string> inUri)
    {
        var body = JsonSerializer.SerializeToNode(request, contract)?.AsObject() ?? new JsonObject();
        foreach (var member in inUri)
        {
            body.Remove(member);
        }

        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }
}
