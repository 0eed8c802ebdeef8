namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// What the request path needs to know about one AWS service: the SigV4 signing name, the host prefix of
/// its regional endpoint and the suffix of its <c>AWS_ENDPOINT_URL_*</c> override (the SDKs' standard names).
/// </summary>
/// <param name="GovCloudFipsIsStandardHost">
/// The service's endpoint rule set answers FIPS in aws-us-gov with the standard host (the GovCloud endpoint is
/// FIPS-validated already): true for ELBv2, STS, SNS, EventBridge and CloudWatch Logs, false for Lambda and API Gateway, whose rule sets add <c>-fips</c>.
/// </param>
/// <param name="IsS3">
/// S3's own request rules: paths encoded once (not twice) in the signature, the payload hash sent as
/// <c>x-amz-content-sha256</c>, and S3's host templates (<see cref="AwsEndpointConfiguration.Resolve"/>).
/// </param>
/// <param name="GovCloudFipsDualStackIsStandardHost">The same for FIPS with dual-stack (EventBridge's rule set: <c>events.{region}.api.aws</c>).</param>
public sealed record AwsService(
    string Name,
    string SigningName,
    string EndpointPrefix,
    string EndpointEnvironmentKey,
    bool GovCloudFipsIsStandardHost = false,
    bool GovCloudFipsDualStackIsStandardHost = false,
    bool IsS3 = false)
{
    public static readonly AwsService Lambda = new("Lambda", "lambda", "lambda", "LAMBDA");

    public static readonly AwsService ElasticLoadBalancingV2 =
        new("Elastic Load Balancing v2", "elasticloadbalancing", "elasticloadbalancing", "ELASTIC_LOAD_BALANCING_V2", GovCloudFipsIsStandardHost: true);

    /// <summary>API Gateway v2 signs as <c>apigateway</c>, not <c>apigatewayv2</c>.</summary>
    public static readonly AwsService ApiGatewayV2 = new("API Gateway v2", "apigateway", "apigateway", "APIGATEWAYV2");

    public static readonly AwsService Sts = new("STS", "sts", "sts", "STS", GovCloudFipsIsStandardHost: true);

    public static readonly AwsService S3 = new("S3", "s3", "s3", "S3", IsS3: true);

    public static readonly AwsService Scheduler = new("EventBridge Scheduler", "scheduler", "scheduler", "SCHEDULER");

    /// <summary>API Gateway's REST APIs (v1): the same signing name and host as v2, its own <c>AWS_ENDPOINT_URL_API_GATEWAY</c>.</summary>
    public static readonly AwsService ApiGateway = new("API Gateway", "apigateway", "apigateway", "API_GATEWAY");

    public static readonly AwsService Sns = new("SNS", "sns", "sns", "SNS", GovCloudFipsIsStandardHost: true);

    public static readonly AwsService EventBridge = new("EventBridge", "events", "events", "EVENTBRIDGE", GovCloudFipsIsStandardHost: true, GovCloudFipsDualStackIsStandardHost: true);

    public static readonly AwsService CloudWatchLogs = new("CloudWatch Logs", "logs", "logs", "CLOUDWATCH_LOGS", GovCloudFipsIsStandardHost: true);

    public static IReadOnlyList<AwsService> All { get; } =
        [Lambda, ElasticLoadBalancingV2, ApiGatewayV2, Sts, S3, Scheduler, ApiGateway, Sns, EventBridge, CloudWatchLogs];
}
