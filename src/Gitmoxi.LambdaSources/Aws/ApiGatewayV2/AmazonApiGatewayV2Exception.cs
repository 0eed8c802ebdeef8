using Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;

namespace Gitmoxi.LambdaSources.Aws.ApiGatewayV2;

/// <summary>An error answer from API Gateway v2; codes the API names get the SDK's exception types.</summary>
public class AmazonApiGatewayV2Exception(AwsErrorDetails error) : AwsServiceException(error)
{
    public static AmazonApiGatewayV2Exception Create(AwsErrorDetails error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            nameof(NotFoundException) => new NotFoundException(error),
            nameof(BadRequestException) => new BadRequestException(error),
            nameof(ConflictException) => new ConflictException(error),
            nameof(AccessDeniedException) => new AccessDeniedException(error),
            nameof(TooManyRequestsException) => new TooManyRequestsException(error),
            _ => new AmazonApiGatewayV2Exception(error),
        };
    }
}
