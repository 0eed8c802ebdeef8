namespace Gitmoxi.LambdaSources.Planning;

internal static class FunctionArns
{
    /// <summary><c>arn:aws:lambda:us-east-1:123456789012:function:name[:qualifier]</c> without the qualifier.</summary>
    public static string Unqualified(string functionArn)
    {
        var parts = functionArn.Split(':');
        return parts.Length > 7 ? string.Join(':', parts, 0, 7) : functionArn;
    }
}
