using Gitmoxi.Action.GitHub;
using Gitmoxi.Action.Tests.Support;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.Tests.GitHub;

[TestClass]
public sealed class StepOutputsTests
{
    private static Func<string> Ids(params string[] ids)
    {
        var queue = new Queue<string>(ids);
        return queue.Dequeue;
    }

    [TestMethod]
    public void Appends_each_output_as_a_heredoc_with_a_fresh_delimiter()
    {
        using var temp = new TempDirectory();
        var file = temp.File("set_output_1", "earlier=1\n");
        var outputs = new StepOutputs(new RunnerEnvironment(new Dictionary<string, string> { ["GITHUB_OUTPUT"] = file }), Ids("id-1", "id-2"));

        outputs.Set("has-changes", "true");
        outputs.Set("summary", "line 1\nline 2\n::set-output name=x::y");

        Assert.AreEqual(
            "earlier=1\n"
            + "has-changes<<ghadelimiter_id-1\ntrue\nghadelimiter_id-1\n"
            + "summary<<ghadelimiter_id-2\nline 1\nline 2\n::set-output name=x::y\nghadelimiter_id-2\n",
            File.ReadAllText(file));
        Assert.AreEqual((byte)'e', File.ReadAllBytes(file)[0], "no byte order mark");
    }

    [TestMethod]
    public void Default_delimiter_is_a_lowercase_uuid()
    {
        using var temp = new TempDirectory();
        var file = temp.File("set_output_1");

        new StepOutputs(new RunnerEnvironment(new Dictionary<string, string> { ["GITHUB_OUTPUT"] = file })).Set("a", "b");

        StringAssert.Matches(File.ReadAllText(file), new(@"^a<<ghadelimiter_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\nb\nghadelimiter_[0-9a-f-]{36}\n$"));
    }

    [TestMethod]
    public void Name_or_value_containing_the_delimiter_is_refused_with_the_toolkit_message()
    {
        using var temp = new TempDirectory();
        var file = temp.File("set_output_1");
        var outputs = new StepOutputs(new RunnerEnvironment(new Dictionary<string, string> { ["GITHUB_OUTPUT"] = file }), () => "d");

        var name = Assert.ThrowsExactly<GitmoxiException>(() => outputs.Set("x ghadelimiter_d", "v"));
        var value = Assert.ThrowsExactly<GitmoxiException>(() => outputs.Set("x", "a\nghadelimiter_d\nb"));

        Assert.AreEqual("Unexpected input: name should not contain the delimiter \"ghadelimiter_d\"", name.Message);
        Assert.AreEqual("Unexpected input: value should not contain the delimiter \"ghadelimiter_d\"", value.Message);
        Assert.AreEqual("", File.ReadAllText(file));
    }

    [TestMethod]
    public void Missing_variable_or_file_fails_with_the_toolkit_message()
    {
        var unset = Assert.ThrowsExactly<GitmoxiException>(() => new StepOutputs(new RunnerEnvironment([])).Set("a", "b"));
        var missing = Assert.ThrowsExactly<GitmoxiException>(() =>
            new StepOutputs(new RunnerEnvironment(new Dictionary<string, string> { ["GITHUB_OUTPUT"] = "/nonexistent/set_output_x" })).Set("a", "b"));

        Assert.AreEqual("Unable to find environment variable for file command OUTPUT", unset.Message);
        Assert.AreEqual("Missing file at path: /nonexistent/set_output_x", missing.Message);
    }
}
