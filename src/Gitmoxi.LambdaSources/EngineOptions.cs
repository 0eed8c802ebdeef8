namespace Gitmoxi.LambdaSources;

/// <param name="Prune">Delete owned sources that left the files (opt-in; otherwise they are reported as drift).</param>
/// <param name="Wait">Wait for each mapping's state to settle after a change.</param>
/// <param name="WaitTimeout">How long one change may wait for its mapping to settle.</param>
/// <param name="MaxConcurrency">
/// Functions planned and applied at once. The rate each AWS API sees is bounded in the request path
/// (<see cref="Aws.AwsSettings.RateLimits"/>), not here: enough functions in flight keep every API's bucket busy
/// at once, so a large plan takes as long as its busiest API needs, not the sum of all of them.
/// </param>
/// <param name="RestApiDeployStages">
/// Stage names deployed (<c>CreateDeployment</c>) after apply on every REST API whose integrations the apply changed;
/// null or empty deploys nothing (a REST API change then reaches callers at the next deployment).
/// </param>
public sealed record EngineOptions(
    bool Prune = false,
    bool Wait = true,
    TimeSpan? WaitTimeout = null,
    int MaxConcurrency = 16,
    IReadOnlyList<string>? RestApiDeployStages = null)
{
    public TimeSpan EffectiveWaitTimeout => WaitTimeout ?? TimeSpan.FromMinutes(5);

    /// <summary>
    /// Reads stage names separated by new lines, commas or <c>;</c> (MSBuild lists); blanks are skipped, spaces around
    /// a name ignored, a repeated name kept once. Null when none is given.
    /// </summary>
    /// <param name="source">The input or property name, for messages (<c>rest-api-deploy-stages</c>, <c>GitmoxiRestApiDeployStages</c>).</param>
    /// <exception cref="GitmoxiException">A name API Gateway would refuse (GMX6281): it allows letters, digits, <c>-</c> and <c>_</c>, at most 128.</exception>
    public static IReadOnlyList<string>? ParseRestApiDeployStages(string? text, string source)
    {
        var names = (text ?? "").Split(['\n', ',', ';']).Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in names)
        {
            if (name.Length > 128 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new GitmoxiException(
                    DiagnosticCodes.RestDeployStageInvalid,
                    $"{source}: '{name}' is not a REST API stage name (letters, digits, '-' and '_', at most 128 characters); separate names with new lines or commas.");
            }
        }

        return names.Count == 0 ? null : names;
    }
}
