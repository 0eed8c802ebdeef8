using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Gitmoxi.LambdaSources;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.GitHub;

/// <summary>
/// What <c>scope: changed</c> plans, or why it cannot: a scope, an error (the history cannot tell, so nothing may be
/// planned, and no AWS call is made), or a warning (git is missing here, so every group is planned instead).
/// </summary>
internal sealed record ScopeResolution(DefinitionScope? Scope, Diagnostic? Problem);

/// <summary>
/// The files a pull request changes, from the event payload's base and head commits and the checkout's history
/// (<c>git diff --name-status &lt;merge base&gt; &lt;head&gt;</c>, as <c>git diff base...head</c> compares), plus, for each
/// event source definition it deletes, that group's files at the base commit, to learn the function it deployed.
/// </summary>
internal static partial class PullRequestChanges
{
    public static async Task<ScopeResolution> ReadAsync(string workspace, PullRequestEvent pullRequest, CancellationToken cancellationToken)
    {
        if (pullRequest is not { BaseSha: { } baseSha, HeadSha: { } headSha } || !CommitId().IsMatch(baseSha) || !CommitId().IsMatch(headSha))
        {
            throw new GitmoxiException(DiagnosticCodes.InvalidProperty, "scope: changed needs the pull request's base and head commits, but the event payload (GITHUB_EVENT_PATH) does not give them; set scope: all.");
        }

        var git = new GitCheckout(workspace);
        try
        {
            return await ReadAsync(git, workspace, baseSha, headSha, pullRequest.Commits, cancellationToken);
        }
        catch (GitUnavailableException e)
        {
            return new ScopeResolution(null, Diagnostic.Warning(DiagnosticCodes.GitUnavailable,
                $"scope: changed reads the pull request's changes with git, which is not available here ({e.Message}); every function group is planned instead."));
        }
    }

    private static async Task<ScopeResolution> ReadAsync(
        GitCheckout git, string workspace, string baseSha, string headSha, int? commits, CancellationToken cancellationToken)
    {
        var checkout = await git.RunAsync(["rev-parse", "--is-inside-work-tree"], cancellationToken);
        if (!checkout.Succeeded)
        {
            return TooShallow($"the workspace {workspace} is not a git checkout", commits);
        }

        var missing = new List<string>();
        foreach (var (what, sha) in new[] { ("base", baseSha), ("head", headSha) })
        {
            if (!(await git.RunAsync(["cat-file", "-e", sha + "^{commit}"], cancellationToken)).Succeeded)
            {
                missing.Add($"the {what} commit {sha[..12]}");
            }
        }

        if (missing.Count > 0)
        {
            return TooShallow(string.Join(" and ", missing) + (missing.Count == 1 ? " is" : " are") + " not in the clone", commits);
        }

        var mergeBase = await git.RunAsync(["merge-base", baseSha, headSha], cancellationToken);
        if (!mergeBase.Succeeded)
        {
            return TooShallow($"the merge base of the base commit {baseSha[..12]} and the head commit {headSha[..12]} is not in the clone", commits);
        }

        var diff = await git.RunAsync(
            ["diff", "--no-renames", "--name-status", "-z", "--relative", Encoding.UTF8.GetString(mergeBase.Output).Trim(), headSha, "--"],
            cancellationToken);
        if (!diff.Succeeded)
        {
            throw new GitmoxiException(DiagnosticCodes.HistoryTooShallow, $"scope: changed could not list the pull request's changes: git diff failed: {diff.Error}");
        }

        var changes = ParseNameStatus(Encoding.UTF8.GetString(diff.Output));
        var removed = new List<RemovedGroup>();
        foreach (var prefix in DefinitionScope.RemovedGroupsOf(changes.Where(c => c.Status == 'D').Select(c => c.Path)))
        {
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var path in DefinitionScope.GroupFileSuffixes.Select(suffix => prefix + suffix))
            {
                // ./ makes the path relative to the workspace, as --relative made the diff's.
                var file = await git.RunAsync(["cat-file", "blob", $"{baseSha}:./{path}"], cancellationToken);
                if (file.Succeeded)
                {
                    files[path] = file.Output;
                }
            }

            // Gone from the base branch too: nothing of it is deployed from there.
            if (files.ContainsKey(prefix + DefinitionScope.GroupFileSuffixes[0]))
            {
                removed.Add(new RemovedGroup(prefix, files));
            }
        }

        return new ScopeResolution(new DefinitionScope([.. changes.Select(c => c.Path)], removed), null);
    }

    /// <summary><c>-z</c> output: status, NUL, path, NUL, … (one path per entry, as renames are off).</summary>
    private static List<(char Status, string Path)> ParseNameStatus(string output)
    {
        var fields = output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var changes = new List<(char, string)>();
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            changes.Add((fields[i][0], fields[i + 1]));
        }

        return changes;
    }

    private static ScopeResolution TooShallow(string what, int? commits)
    {
        var depth = commits is { } count and > 0
            ? string.Create(CultureInfo.InvariantCulture,
                $" (fetch-depth: {count + 2} - the merge commit, this pull request's {count} commit(s) and their merge base - is enough only while the base branch has not moved since the pull request branched off)")
            : "";
        return new ScopeResolution(null, Diagnostic.Error(DiagnosticCodes.HistoryTooShallow,
            $"scope: changed cannot tell which files this pull request changes: {what}. "
            + $"Check out the history it needs with `fetch-depth: 0` on actions/checkout{depth}, or set `scope: all` to plan every function. Nothing was planned and no AWS call was made."));
    }

    /// <summary>A full SHA-1 or SHA-256 commit id: anything else is not passed to git.</summary>
    [GeneratedRegex("^(?:[0-9a-f]{40}|[0-9a-f]{64})$")]
    private static partial Regex CommitId();
}
