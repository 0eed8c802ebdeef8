using System.Xml.Linq;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;
using static Gitmoxi.LambdaSources.Aws.QueryProtocol;

namespace Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;

/// <summary>
/// Elastic Load Balancing v2's Query API (<c>Version=2015-12-01</c>) over <see cref="AwsRequestSender"/>: requests are
/// form-encoded POSTs (lists as <c>Name.member.N</c>, structures as <c>Name.member.N.Member</c>, per the botocore
/// <c>elbv2</c> model), answers are XML read by element local names with <see cref="XDocument"/> (no reflection,
/// no DTDs), so the client stays AOT-safe. Request and response classes are generated from the checked-in botocore
/// subset <c>elbv2-2015-12-01.json</c>; operation and member names are AWSSDK.ElasticLoadBalancingV2's.
/// </summary>
internal sealed class AmazonElasticLoadBalancingV2Client(
    HttpClient httpClient, AwsSettings settings, TimeProvider? timeProvider = null, Random? random = null, ILogger? logger = null)
{
    private readonly QueryProtocol _query = new(
        new AwsRequestSender(
            httpClient,
            settings,
            AwsService.ElasticLoadBalancingV2,
            AwsServiceException.Factory(
                ("TargetGroupNotFound", e => new TargetGroupNotFoundException(e)),
                ("InvalidTarget", e => new InvalidTargetException(e)),
                ("AccessDenied", e => new AccessDeniedException(e))),
            timeProvider,
            random,
            logger),
        "2015-12-01");

    public async Task<DescribeTargetGroupsResponse> DescribeTargetGroupsAsync(DescribeTargetGroupsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = _query.NewForm("DescribeTargetGroups")
            .Add("LoadBalancerArn", request.LoadBalancerArn)
            .AddList("TargetGroupArns", request.TargetGroupArns)
            .AddList("Names", request.Names)
            .Add("Marker", request.Marker)
            .Add("PageSize", request.PageSize?.ToString(CultureInfo.InvariantCulture));
        var result = await _query.SendAsync(form, isIdempotent: true, cancellationToken);
        return new DescribeTargetGroupsResponse
        {
            TargetGroups = Members(result, "TargetGroups").Select(ReadTargetGroup).ToList(),
            NextMarker = Text(result, "NextMarker"),
        };
    }

    public async Task<DescribeTargetHealthResponse> DescribeTargetHealthAsync(DescribeTargetHealthRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Required(request.TargetGroupArn, "TargetGroupArn");
        var form = _query.NewForm("DescribeTargetHealth")
            .Add("TargetGroupArn", request.TargetGroupArn)
            .AddTargets(request.Targets);
        var result = await _query.SendAsync(form, isIdempotent: true, cancellationToken);
        return new DescribeTargetHealthResponse
        {
            TargetHealthDescriptions = Members(result, "TargetHealthDescriptions").Select(d => new TargetHealthDescription
            {
                Target = Child(d, "Target") is { } target ? ReadTarget(target) : null,
                HealthCheckPort = Text(d, "HealthCheckPort"),
                TargetHealth = Child(d, "TargetHealth") is { } health
                    ? new TargetHealth { State = Text(health, "State"), Reason = Text(health, "Reason"), Description = Text(health, "Description") }
                    : null,
            }).ToList(),
        };
    }

    /// <remarks>Registering a registered target changes nothing, so the call may be repeated.</remarks>
    public async Task<RegisterTargetsResponse> RegisterTargetsAsync(RegisterTargetsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await ChangeTargetsAsync("RegisterTargets", request.TargetGroupArn, request.Targets, isIdempotent: true, cancellationToken);
        return new RegisterTargetsResponse();
    }

    /// <remarks>Not idempotent: a repeated deregistration answers <c>InvalidTarget</c> for one that worked.</remarks>
    public async Task<DeregisterTargetsResponse> DeregisterTargetsAsync(DeregisterTargetsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await ChangeTargetsAsync("DeregisterTargets", request.TargetGroupArn, request.Targets, isIdempotent: false, cancellationToken);
        return new DeregisterTargetsResponse();
    }

    private async Task ChangeTargetsAsync(
        string operation, string? targetGroupArn, List<TargetDescription>? targets, bool isIdempotent, CancellationToken cancellationToken)
    {
        Required(targetGroupArn, "TargetGroupArn");
        Required(targets, "Targets");
        await _query.SendAsync(_query.NewForm(operation).Add("TargetGroupArn", targetGroupArn).AddTargets(targets), isIdempotent, cancellationToken);
    }

    private static TargetGroup ReadTargetGroup(XElement group) => new()
    {
        TargetGroupArn = Text(group, "TargetGroupArn"),
        TargetGroupName = Text(group, "TargetGroupName"),
        TargetType = Text(group, "TargetType"),
        Protocol = Text(group, "Protocol"),
        Port = Int(group, "Port"),
        VpcId = Text(group, "VpcId"),
        HealthCheckEnabled = Text(group, "HealthCheckEnabled") is { } enabled ? enabled == "true" : null,
        LoadBalancerArns = Members(group, "LoadBalancerArns").Select(e => e.Value).ToList(),
    };

    private static TargetDescription ReadTarget(XElement target) => new()
    {
        Id = Text(target, "Id"),
        Port = Int(target, "Port"),
        AvailabilityZone = Text(target, "AvailabilityZone"),
    };

    private static void Required(object? value, string member) => RestJsonProtocol.Required(value, member);
}
