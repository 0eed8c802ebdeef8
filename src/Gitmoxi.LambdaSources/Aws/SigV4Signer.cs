using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// SigV4 header signing built from AWSSDK.Core's own signer code: its header pruning, canonical query and
/// canonical path (double-encoded for non-S3 services), <see cref="AWS4Signer.ComputeSignature(string, string, string, DateTime, string, string, string)"/>
/// and its signing-key derivation. Nothing cryptographic is written here.
/// </summary>
/// <remarks>
/// Why not a whole-request SDK entry point: both <c>AWS4Signer.SignRequest</c> and the public standalone
/// <c>Amazon.Runtime.Signing.AWSSigV4Signer</c> of AWSSDK.Core 4.0.102.19 always add <c>x-amz-content-sha256</c>
/// (an S3 header) to the signed headers, so they cannot reproduce AWS's published SigV4 reference signature that
/// the tests pin, and <c>SignRequest</c> also needs the SDK pipeline's <c>IRequest</c>/<c>IClientConfig</c>. The
/// canonicalization helpers are <c>protected</c> on <see cref="AWS4Signer"/>, hence this subclass, which is never
/// used as a signer instance.
/// </remarks>
internal sealed class SigV4Signer : AWS4Signer
{
    private const string SecurityTokenHeader = "X-Amz-Security-Token";
    private const string ContentSha256Header = "x-amz-content-sha256";

    /// <summary>
    /// Adds <c>host</c>, <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> (session credentials) and
    /// <c>Authorization</c> to <paramref name="headers"/>. Every header in it is signed.
    /// </summary>
    /// <param name="resourcePath">Path template such as <c>/2015-03-31/functions/{FunctionName}/policy</c>.</param>
    /// <param name="pathResources">Raw (unencoded) values of the template's labels, keyed with braces.</param>
    /// <param name="query">Raw (unencoded) query parameters.</param>
    /// <param name="s3">S3's rules: the canonical path encoded once, and <c>x-amz-content-sha256</c> added and signed.</param>
    /// <returns>The canonical request, for diagnostics and tests; it holds no secret.</returns>
    public static string Sign(
        HttpMethod method,
        Uri endpoint,
        string resourcePath,
        IDictionary<string, string> pathResources,
        IReadOnlyList<KeyValuePair<string, string>> query,
        IDictionary<string, string> headers,
        byte[] body,
        ImmutableCredentials credentials,
        string region,
        string signingName,
        DateTime signedAt,
        bool s3 = false)
    {
        InitializeHeaders(headers, endpoint, signedAt);
        if (credentials.UseToken)
        {
            headers[SecurityTokenHeader] = credentials.Token;
        }

        var bodyHash = AWSSDKUtils.ToHex(ComputeHash(body), true);
        if (s3)
        {
            // S3 requires the payload hash as a header (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html).
            headers[ContentSha256Header] = bodyHash;
        }

        var sortedHeaders = SortAndPruneHeaders(headers);
        var canonicalQuery = CanonicalQuery(query);

        // S3 alone encodes the canonical path once (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
        var canonicalRequest = CanonicalizeRequest(
            endpoint, resourcePath, method.Method, sortedHeaders, canonicalQuery, bodyHash, pathResources, doubleEncode: !s3);
        var result = ComputeSignature(
            credentials.AccessKey,
            credentials.SecretKey,
            region,
            signedAt,
            signingName,
            CanonicalizeHeaderNames(sortedHeaders),
            canonicalRequest);
        headers["Authorization"] = result.ForAuthorizationHeader;
        return canonicalRequest;
    }

    /// <summary>The path as sent on the wire: each label value percent-encoded once (RFC 3986), as the SDK does.</summary>
    public static string ResolvePath(Uri endpoint, string resourcePath, IDictionary<string, string> pathResources)
    {
        var basePath = endpoint.AbsolutePath.TrimEnd('/');
        return basePath + AWSSDKUtils.ResolveResourcePathV2(resourcePath, pathResources);
    }

    /// <summary>The query string as sent on the wire (RFC 3986 encoding, the same the signature covers).</summary>
    public static string FormatQuery(IReadOnlyList<KeyValuePair<string, string>> query) =>
        string.Join('&', Encode(query).Select(p => p.Key + "=" + p.Value));

    /// <summary>
    /// SigV4's canonical query: every name and value RFC 3986-encoded first, then sorted by the ENCODED name and, for a
    /// repeated name, by the ENCODED value (byte order). Sorting raw text puts <c>team-a</c> before <c>team:a</c>, but
    /// their encoded forms <c>team-a</c> and <c>team%3Aa</c> sort the other way ('%' is 0x25, '-' is 0x2D), and AWS
    /// refuses the signature (the SDK's own helper sorts by raw name only).
    /// </summary>
    internal static string CanonicalQuery(IReadOnlyList<KeyValuePair<string, string>> query) =>
        string.Join('&', Encode(query)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));

    private static IEnumerable<KeyValuePair<string, string>> Encode(IReadOnlyList<KeyValuePair<string, string>> query) =>
        query.Select(p => KeyValuePair.Create(AWSSDKUtils.UrlEncode(p.Key, false), AWSSDKUtils.UrlEncode(p.Value, false)));
}
