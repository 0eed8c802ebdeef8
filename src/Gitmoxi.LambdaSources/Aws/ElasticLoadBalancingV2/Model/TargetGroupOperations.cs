namespace Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;

/// <summary>
/// <c>DescribeTargetGroups</c>. <see cref="LoadBalancerArn"/>, <see cref="TargetGroupArns"/> and <see cref="Names"/>
/// are mutually exclusive; pages follow <see cref="Marker"/> (at most 400 per page).
/// </summary>
internal sealed class DescribeTargetGroupsRequest
{
    public string? LoadBalancerArn { get; set; }

    public List<string>? TargetGroupArns { get; set; }

    public List<string>? Names { get; set; }

    public string? Marker { get; set; }

    public int? PageSize { get; set; }
}

internal sealed class DescribeTargetGroupsResponse
{
    public List<TargetGroup>? TargetGroups { get; set; }

    public string? NextMarker { get; set; }
}

/// <summary>The members of a target group the engine reads; a Lambda group has no protocol, port or VPC.</summary>
internal sealed class TargetGroup
{
    public string? TargetGroupArn { get; set; }

    public string? TargetGroupName { get; set; }

    /// <summary><c>instance</c>, <c>ip</c>, <c>lambda</c> or <c>alb</c>.</summary>
    public string? TargetType { get; set; }

    public string? Protocol { get; set; }

    public int? Port { get; set; }

    public string? VpcId { get; set; }

    public bool? HealthCheckEnabled { get; set; }

    public List<string>? LoadBalancerArns { get; set; }
}

/// <summary>A target: for a Lambda group, <see cref="Id"/> is the function ARN (qualified or not) and there is no port.</summary>
internal sealed class TargetDescription
{
    public string? Id { get; set; }

    public int? Port { get; set; }

    public string? AvailabilityZone { get; set; }
}

/// <summary><c>DescribeTargetHealth</c>: without <see cref="Targets"/>, every registered target.</summary>
internal sealed class DescribeTargetHealthRequest
{
    public string? TargetGroupArn { get; set; }

    public List<TargetDescription>? Targets { get; set; }
}

internal sealed class DescribeTargetHealthResponse
{
    public List<TargetHealthDescription>? TargetHealthDescriptions { get; set; }
}

internal sealed class TargetHealthDescription
{
    public TargetDescription? Target { get; set; }

    public string? HealthCheckPort { get; set; }

    public TargetHealth? TargetHealth { get; set; }
}

internal sealed class TargetHealth
{
    /// <summary><c>initial</c>, <c>healthy</c>, <c>unhealthy</c>, <c>unused</c>, <c>draining</c>, <c>unavailable</c>.</summary>
    public string? State { get; set; }

    public string? Reason { get; set; }

    public string? Description { get; set; }
}

internal sealed class RegisterTargetsRequest
{
    public string? TargetGroupArn { get; set; }

    public List<TargetDescription>? Targets { get; set; }
}

internal sealed class RegisterTargetsResponse;

internal sealed class DeregisterTargetsRequest
{
    public string? TargetGroupArn { get; set; }

    public List<TargetDescription>? Targets { get; set; }
}

internal sealed class DeregisterTargetsResponse;
