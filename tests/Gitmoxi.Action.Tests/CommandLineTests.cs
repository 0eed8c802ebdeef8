using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.Tests;

[TestClass]
public sealed class CommandLineTests
{
    [TestMethod]
    public void Flags_take_the_inputs_names_with_either_separator()
    {
        var commandLine = CommandLine.Parse(["--path", "defs", "--mode=plan", "--prune", "--wait", "false", "--role-to-assume=arn:aws:iam::1:role/a=b"]);

        Assert.IsFalse(commandLine.HelpRequested);
        Assert.AreEqual(
            "path=defs;mode=plan;prune=true;wait=false;role-to-assume=arn:aws:iam::1:role/a=b",
            string.Join(';', commandLine.Inputs.Select(i => $"{i.Key}={i.Value}")));
    }

    [TestMethod]
    public void Help_is_recognised_anywhere()
    {
        Assert.IsTrue(CommandLine.Parse(["--mode", "plan", "--help"]).HelpRequested);
        Assert.IsTrue(CommandLine.Parse(["-h"]).HelpRequested);
    }

    [TestMethod]
    public void Validate_only_is_a_flag_of_its_own_beside_the_inputs()
    {
        var commandLine = CommandLine.Parse(["--validate-only", "--path", "defs"]);

        Assert.IsTrue(commandLine.ValidateOnly);
        Assert.AreEqual("path=defs", string.Join(';', commandLine.Inputs.Select(i => $"{i.Key}={i.Value}")));
        Assert.IsFalse(CommandLine.Parse(["--path", "defs"]).ValidateOnly);
    }

    [TestMethod]
    public void Version_is_a_request_of_its_own()
    {
        var commandLine = CommandLine.Parse(["--path", "defs", "--version"]);

        Assert.IsTrue(commandLine.VersionRequested);
        Assert.IsFalse(commandLine.HelpRequested);
        Assert.IsFalse(CommandLine.Parse(["--path", "defs"]).VersionRequested);
    }

    [TestMethod]
    public void Unknown_or_incomplete_flags_are_errors()
    {
        Assert.AreEqual("Unknown option '--paht'. Run with --help for usage.", Assert.ThrowsExactly<GitmoxiException>(() => CommandLine.Parse(["--paht", "x"])).Message);
        Assert.AreEqual("Option '--mode' needs a value. Run with --help for usage.", Assert.ThrowsExactly<GitmoxiException>(() => CommandLine.Parse(["--mode"])).Message);
        Assert.AreEqual("Unexpected argument 'plan'. Run with --help for usage.", Assert.ThrowsExactly<GitmoxiException>(() => CommandLine.Parse(["plan"])).Message);
    }

    [TestMethod]
    public void Usage_lists_every_input()
    {
        foreach (var name in ActionSettings.InputNames)
        {
            StringAssert.Contains(CommandLine.Usage, $"--{name} ");
        }
    }
}
