using System.Net;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>One AWS API call as the request path sends it, independent of the service's protocol.</summary>
internal sealed record AwsRequest
{
    /// <summary>API operation name, used in error messages (never the body).</summary>
    public required string Operation { get; init; }

    public required HttpMethod Method { get; init; }

    /// <summary>Path template, e.g. <c>/2015-03-31/functions/{FunctionName}/policy</c>.</summary>
    public required string ResourcePath { get; init; }

    /// <summary>Raw values of the template's labels, keyed without braces (<c>FunctionName</c>); encoded when sent.</summary>
    public IReadOnlyDictionary<string, string> PathLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>Raw query parameters, repeated names allowed; encoded when sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    public byte[]? Body { get; init; }

    /// <summary>Headers the operation or protocol defines (S3's <c>x-amz-expected-bucket-owner</c>, the JSON protocol's <c>X-Amz-Target</c>); all are signed and sent verbatim.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A label put in front of the endpoint's host (S3's virtual-hosted bucket, <c>{bucket}.</c>); null for none. The
    /// request's path template then leaves the label out.
    /// </summary>
    public string? HostPrefix { get; init; }

    /// <summary>Content type of <see cref="Body"/>, sent verbatim (it is signed).</summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// Whether repeating the call after it may already have taken effect leaves the same result. Calls that are
    /// not (creates, deletes, permission changes) are never repeated after a timeout, a dropped connection or a
    /// server error; the sender reports <see cref="AwsOutcomeUnknownException"/> instead.
    /// </summary>
    public required bool IsIdempotent { get; init; }
}

/// <summary>A successful (2xx) answer. moto answers 200/201 where AWS answers 201/202/204, so no code is singled out.</summary>
internal sealed record AwsResponse(HttpStatusCode StatusCode, byte[] Body, string? RequestId);
