namespace Gitmoxi.LambdaSources.Aws.S3.Model;

// S3 error codes the engine handles, as the SDK names them; any other error is an AwsServiceException with its code.

internal sealed class NoSuchBucketException(AwsErrorDetails error) : AwsServiceException(error);
