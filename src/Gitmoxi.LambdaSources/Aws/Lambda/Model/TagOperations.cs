namespace Gitmoxi.LambdaSources.Aws.Lambda.Model;

/// <summary><c>POST /2017-03-31/tags/{Resource}</c>; <see cref="Tags"/> goes to the body.</summary>
internal sealed class TagResourceRequest
{
    /// <summary>ARN of a function, event source mapping or code signing configuration.</summary>
    public string? Resource { get; set; }

    public Dictionary<string, string>? Tags { get; set; }
}

internal sealed class TagResourceResponse;

/// <summary><c>DELETE /2017-03-31/tags/{Resource}?tagKeys=…&amp;tagKeys=…</c>; no body.</summary>
internal sealed class UntagResourceRequest
{
    public string? Resource { get; set; }

    public List<string>? TagKeys { get; set; }
}

internal sealed class UntagResourceResponse;

/// <summary><c>GET /2017-03-31/tags/{Resource}</c>.</summary>
internal sealed class ListTagsRequest
{
    public string? Resource { get; set; }
}

internal sealed class ListTagsResponse
{
    public Dictionary<string, string>? Tags { get; set; }
}
