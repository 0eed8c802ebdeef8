namespace Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;

public sealed class NotFoundException(AwsErrorDetails error) : AmazonApiGatewayV2Exception(error);

public sealed class BadRequestException(AwsErrorDetails error) : AmazonApiGatewayV2Exception(error);

public sealed class ConflictException(AwsErrorDetails error) : AmazonApiGatewayV2Exception(error);

public sealed class AccessDeniedException(AwsErrorDetails error) : AmazonApiGatewayV2Exception(error);

/// <summary>Throttled; the request path already retried it within its bounds.</summary>
public sealed class TooManyRequestsException(AwsErrorDetails error) : AmazonApiGatewayV2Exception(error);
