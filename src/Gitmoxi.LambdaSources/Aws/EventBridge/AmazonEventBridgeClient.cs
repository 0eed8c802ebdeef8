using Gitmoxi.LambdaSources.Aws.EventBridge.Model;

namespace Gitmoxi.LambdaSources.Aws.EventBridge;

/// <summary>Amazon EventBridge's AWS JSON 1.1 API (target prefix <c>AWSEvents</c>) over <see cref="JsonProtocol"/>.</summary>
internal sealed class AmazonEventBridgeClient
{
    private static readonly EventBridgeJsonContext Json = EventBridgeJsonContext.Default;

    private readonly JsonProtocol _json;

    public AmazonEventBridgeClient(HttpClient httpClient, AwsSettings settings, TimeProvider? timeProvider = null, Random? random = null, ILogger? logger = null)
    {
        var errors = AwsServiceException.Factory((nameof(ResourceNotFoundException), e => new ResourceNotFoundException(e)));
        _json = new JsonProtocol(new AwsRequestSender(httpClient, settings, AwsService.EventBridge, errors, timeProvider, random, logger), "AWSEvents");
    }

    public Task<DescribeRuleResponse> DescribeRuleAsync(DescribeRuleRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("DescribeRule", true, request, Json.DescribeRuleRequest, Json.DescribeRuleResponse, cancellationToken);

    public Task<DescribeEventBusResponse> DescribeEventBusAsync(DescribeEventBusRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("DescribeEventBus", true, request, Json.DescribeEventBusRequest, Json.DescribeEventBusResponse, cancellationToken);

    public Task<ListTargetsByRuleResponse> ListTargetsByRuleAsync(ListTargetsByRuleRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("ListTargetsByRule", true, request, Json.ListTargetsByRuleRequest, Json.ListTargetsByRuleResponse, cancellationToken);

    /// <remarks>Puts each target by its id (replacing one with the same id): repeating it leaves the same rule.</remarks>
    public Task<PutTargetsResponse> PutTargetsAsync(PutTargetsRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("PutTargets", true, request, Json.PutTargetsRequest, Json.PutTargetsResponse, cancellationToken);

    /// <remarks>Removing a target that is not there changes nothing, so the call may be repeated.</remarks>
    public Task<RemoveTargetsResponse> RemoveTargetsAsync(RemoveTargetsRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("RemoveTargets", true, request, Json.RemoveTargetsRequest, Json.RemoveTargetsResponse, cancellationToken);
}
