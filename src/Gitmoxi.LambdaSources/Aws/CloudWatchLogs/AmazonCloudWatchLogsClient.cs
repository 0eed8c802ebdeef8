using Gitmoxi.LambdaSources.Aws.CloudWatchLogs.Model;

namespace Gitmoxi.LambdaSources.Aws.CloudWatchLogs;

/// <summary>Amazon CloudWatch Logs' AWS JSON 1.1 API (target prefix <c>Logs_20140328</c>) over <see cref="JsonProtocol"/>.</summary>
internal sealed class AmazonCloudWatchLogsClient
{
    private static readonly CloudWatchLogsJsonContext Json = CloudWatchLogsJsonContext.Default;

    private readonly JsonProtocol _json;

    public AmazonCloudWatchLogsClient(HttpClient httpClient, AwsSettings settings, TimeProvider? timeProvider = null, Random? random = null, ILogger? logger = null)
    {
        var errors = AwsServiceException.Factory(
            (nameof(ResourceNotFoundException), e => new ResourceNotFoundException(e)),
            (nameof(InvalidParameterException), e => new InvalidParameterException(e)));
        _json = new JsonProtocol(new AwsRequestSender(httpClient, settings, AwsService.CloudWatchLogs, errors, timeProvider, random, logger), "Logs_20140328");
    }

    public Task<DescribeSubscriptionFiltersResponse> DescribeSubscriptionFiltersAsync(DescribeSubscriptionFiltersRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("DescribeSubscriptionFilters", true, request, Json.DescribeSubscriptionFiltersRequest, Json.DescribeSubscriptionFiltersResponse, cancellationToken);

    /// <remarks>Creates or updates the filter of that name: repeating it leaves the same filter.</remarks>
    public Task<PutSubscriptionFilterResponse> PutSubscriptionFilterAsync(PutSubscriptionFilterRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("PutSubscriptionFilter", true, request, Json.PutSubscriptionFilterRequest, Json.PutSubscriptionFilterResponse, cancellationToken);

    /// <remarks>Not idempotent: a repeated delete answers <c>ResourceNotFoundException</c> for one that worked.</remarks>
    public Task<DeleteSubscriptionFilterResponse> DeleteSubscriptionFilterAsync(DeleteSubscriptionFilterRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("DeleteSubscriptionFilter", false, request, Json.DeleteSubscriptionFilterRequest, Json.DeleteSubscriptionFilterResponse, cancellationToken);
}
