using Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Aws.Lambda;

/// <summary>An error answer from Lambda; codes the API names get the SDK's exception types (see <see cref="Create"/>).</summary>
public class AmazonLambdaException(AwsErrorDetails error) : AwsServiceException(error)
{
    public static AmazonLambdaException Create(AwsErrorDetails error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            nameof(ResourceNotFoundException) => new ResourceNotFoundException(error),
            nameof(ResourceConflictException) => new ResourceConflictException(error),
            nameof(ResourceInUseException) => new ResourceInUseException(error),
            nameof(TooManyRequestsException) => new TooManyRequestsException(error),
            nameof(InvalidParameterValueException) => new InvalidParameterValueException(error),
            nameof(PolicyLengthExceededException) => new PolicyLengthExceededException(error),
            nameof(PreconditionFailedException) => new PreconditionFailedException(error),
            nameof(ServiceException) => new ServiceException(error),
            _ => new AmazonLambdaException(error),
        };
    }
}
