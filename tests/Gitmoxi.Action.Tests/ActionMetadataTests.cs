using System.Text.RegularExpressions;
using Gitmoxi.Action.Tests.EndToEnd;

namespace Gitmoxi.Action.Tests;

/// <summary>action.yml declares exactly what the host reads and writes (a missing input would never reach it).</summary>
[TestClass]
public sealed partial class ActionMetadataTests
{
    private static readonly string ActionYml = File.ReadAllText(Path.Combine(ActionBinary.RepositoryRoot(), "action.yml"));

    private static List<string> Keys(string section) =>
        [.. KeyPattern().Matches(ActionYml.Split($"\n{section}:\n")[1].Split("\n\n")[0]).Select(m => m.Groups[1].Value)];

    [TestMethod]
    public void Action_yml_declares_every_input_the_host_reads_in_order()
    {
        Assert.AreEqual(string.Join(' ', ActionSettings.InputNames), string.Join(' ', Keys("inputs")));
    }

    [TestMethod]
    public void Action_yml_declares_every_output_the_host_writes()
    {
        Assert.AreEqual("has-changes created updated replaced deleted plan-file", string.Join(' ', Keys("outputs")));
    }

    [TestMethod]
    public void Action_yml_runs_the_released_image_by_exact_version()
    {
        StringAssert.Matches(ActionYml, RunsPattern());
    }

    [TestMethod]
    public void The_workflow_shown_in_the_docs_is_the_validated_one()
    {
        var root = ActionBinary.RepositoryRoot();
        var docs = File.ReadAllText(Path.Combine(root, "docs", "action.md"));
        var shown = docs.Split("```yaml\n")[1].Split("```")[0];

        Assert.AreEqual(File.ReadAllText(Path.Combine(root, "docs", "workflows", "lambda-sources.yml")), shown);
    }

    [GeneratedRegex(@"^  ([a-z-]+):$", RegexOptions.Multiline)]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"\nruns:\n  using: docker\n  image: docker://ghcr\.io/gitmoxi/lambda-sources:[0-9]+\.[0-9]+\.[0-9]+\n\z")]
    private static partial Regex RunsPattern();
}
