namespace Gitmoxi.LambdaSources.Aws.ApiGateway.Model;

// The API Gateway (REST API) error code the engine handles; any other error is an AwsServiceException with its code.

internal sealed class NotFoundException(AwsErrorDetails error) : AwsServiceException(error);
