namespace Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;

// The API Gateway v2 error code the engine handles; any other error is an AwsServiceException with its code.

internal sealed class NotFoundException(AwsErrorDetails error) : AwsServiceException(error);
