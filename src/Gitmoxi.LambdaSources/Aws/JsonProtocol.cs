using System.Text.Json.Serialization.Metadata;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// The AWS JSON 1.1 protocol (EventBridge, CloudWatch Logs) over <see cref="AwsRequestSender"/>: every operation is a
/// POST to <c>/</c> whose <c>X-Amz-Target</c> header names it (<c>{targetPrefix}.{Operation}</c>), the whole request is
/// the JSON body (<c>application/x-amz-json-1.1</c>) and the answer is read with the response's source-generated contract.
/// </summary>
/// <param name="targetPrefix">The service's botocore <c>targetPrefix</c>, e.g. <c>AWSEvents</c>, <c>Logs_20140328</c>.</param>
internal sealed class JsonProtocol(AwsRequestSender sender, string targetPrefix)
{
    private const string JsonContentType = "application/x-amz-json-1.1";

    /// <param name="isIdempotent">Whether repeating the call after it may have taken effect leaves the same result.</param>
    /// <param name="response">The response's contract, or null for an operation whose answer carries nothing.</param>
    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        string operation, bool isIdempotent, TRequest request, JsonTypeInfo<TRequest> body, JsonTypeInfo<TResponse>? response, CancellationToken cancellationToken)
        where TResponse : new()
    {
        ArgumentNullException.ThrowIfNull(request);
        var answer = await sender.SendAsync(
            new AwsRequest
            {
                Operation = operation,
                Method = HttpMethod.Post,
                ResourcePath = "/",
                Body = JsonSerializer.SerializeToUtf8Bytes(request, body),
                ContentType = JsonContentType,
                Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["X-Amz-Target"] = targetPrefix + "." + operation },
                IsIdempotent = isIdempotent,
            },
            cancellationToken);
        return RestJsonProtocol.Read(operation, answer.Body, response);
    }
}
