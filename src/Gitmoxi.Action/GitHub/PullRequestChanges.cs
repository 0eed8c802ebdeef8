using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.GitHub;

/// <summary>
/// What <c>scope: changed</c> plans, or why it cannot: a scope, an error (the history cannot tell, so nothing may be
/// planned, and no AWS call is made), or a warning (the changes cannot be read here, so every group is planned instead).
/// </summary>
/// <param name="Unavailable">Set when this source cannot read the changes here at all (no git, no checkout, an API
/// error): why, so that the next source is asked, and the last one's <paramref name="Problem"/> stands.</param>
internal sealed record ScopeResolution(DefinitionScope? Scope, Diagnostic? Problem, string? Unavailable = null);

/// <summary>The pull request's commits, as the event payload gives them (checked to be full commit ids).</summary>
/// <param name="Commits">How many commits the pull request has, when the payload says.</param>
internal sealed record PullRequestRange(long Number, string BaseSha, string HeadSha, int? Commits);

/// <summary>One way of reading the files a pull request changes: git in the checkout, or GitHub's REST API.</summary>
internal interface IPullRequestChangeSource
{
    Task<ScopeResolution> ReadAsync(PullRequestRange range, CancellationToken cancellationToken);
}

/// <summary>
/// The files a pull request changes, and, for each event source definition it deletes, that group's files at the
/// base commit, to learn the function it deployed: from the first source that can read them here (git, where the
/// image has it and the workspace is a checkout; then GitHub's REST API).
/// </summary>
internal static partial class PullRequestChanges
{
    /// <summary>git only.</summary>
    public static Task<ScopeResolution> ReadAsync(string workspace, PullRequestEvent pullRequest, CancellationToken cancellationToken) =>
        ReadAsync(pullRequest, [new GitPullRequestChanges(workspace)], cancellationToken);

    /// <param name="sources">Asked in order until one can read the changes here.</param>
    public static async Task<ScopeResolution> ReadAsync(
        PullRequestEvent pullRequest, IReadOnlyList<IPullRequestChangeSource> sources, CancellationToken cancellationToken)
    {
        if (pullRequest is not { BaseSha: { } baseSha, HeadSha: { } headSha } || !CommitId().IsMatch(baseSha) || !CommitId().IsMatch(headSha))
        {
            throw new GitmoxiException(DiagnosticCodes.InvalidProperty, "scope: changed needs the pull request's base and head commits, but the event payload (GITHUB_EVENT_PATH) does not give them; set scope: all.");
        }

        var range = new PullRequestRange(pullRequest.Number, baseSha, headSha, pullRequest.Commits);
        var reasons = new List<string>();
        ScopeResolution? first = null;
        foreach (var source in sources)
        {
            var resolution = await source.ReadAsync(range, cancellationToken);
            if (resolution.Unavailable is not { } reason)
            {
                return resolution;
            }

            first ??= resolution;
            reasons.Add(reason);
        }

        return reasons.Count == 1 && first!.Problem is not null
            ? first
            : new ScopeResolution(null, Diagnostic.Warning(DiagnosticCodes.GitUnavailable,
                $"scope: changed cannot read the pull request's changes here: {string.Join("; ", reasons)}; every function group is planned instead."));
    }

    /// <summary>
    /// The groups whose event source definition is among <paramref name="deletedPaths"/>, with their files read at
    /// the base commit; a group whose definition the base does not hold either is left out (nothing of it is deployed from there).
    /// </summary>
    /// <param name="readAtBase">A file's bytes at the base commit, or null when it has none.</param>
    public static async Task<List<RemovedGroup>> ReadRemovedGroupsAsync(IEnumerable<string> deletedPaths, Func<string, Task<byte[]?>> readAtBase)
    {
        var removed = new List<RemovedGroup>();
        foreach (var prefix in DefinitionScope.RemovedGroupsOf(deletedPaths))
        {
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var path in DefinitionScope.GroupFileSuffixes.Select(suffix => prefix + suffix))
            {
                if (await readAtBase(path) is { } bytes)
                {
                    files[path] = bytes;
                }
            }

            if (files.ContainsKey(prefix + DefinitionScope.GroupFileSuffixes[0]))
            {
                removed.Add(new RemovedGroup(prefix, files));
            }
        }

        return removed;
    }

    /// <summary>A full SHA-1 or SHA-256 commit id: anything else is not passed to git or put in a URL.</summary>
    [GeneratedRegex("^(?:[0-9a-f]{40}|[0-9a-f]{64})$")]
    private static partial Regex CommitId();
}

/// <summary>
/// The changes from the checkout's history (<c>git diff --name-status &lt;merge base&gt; &lt;head&gt;</c>, as
/// <c>git diff base...head</c> compares), deleted groups from <c>git cat-file blob &lt;base&gt;:&lt;path&gt;</c>.
/// </summary>
internal sealed class GitPullRequestChanges(string workspace) : IPullRequestChangeSource
{
    public async Task<ScopeResolution> ReadAsync(PullRequestRange range, CancellationToken cancellationToken)
    {
        var git = new GitCheckout(workspace);
        try
        {
            return await ReadAsync(git, range.BaseSha, range.HeadSha, range.Commits, cancellationToken);
        }
        catch (GitUnavailableException e)
        {
            return new ScopeResolution(
                null,
                Diagnostic.Warning(DiagnosticCodes.GitUnavailable,
                    $"scope: changed reads the pull request's changes with git, which is not available here ({e.Message}); every function group is planned instead."),
                Unavailable: "git is not available (" + e.Message + ")");
        }
    }

    private async Task<ScopeResolution> ReadAsync(
        GitCheckout git, string baseSha, string headSha, int? commits, CancellationToken cancellationToken)
    {
        var checkout = await git.RunAsync(["rev-parse", "--is-inside-work-tree"], cancellationToken);
        if (!checkout.Succeeded)
        {
            var notCheckout = $"the workspace {workspace} is not a git checkout";
            return TooShallow(notCheckout, commits) with { Unavailable = notCheckout };
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
        var removed = await PullRequestChanges.ReadRemovedGroupsAsync(
            changes.Where(c => c.Status == 'D').Select(c => c.Path),
            async path =>
            {
                // ./ makes the path relative to the workspace, as --relative made the diff's.
                var file = await git.RunAsync(["cat-file", "blob", $"{baseSha}:./{path}"], cancellationToken);
                return file.Succeeded ? file.Output : null;
            });

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
}
