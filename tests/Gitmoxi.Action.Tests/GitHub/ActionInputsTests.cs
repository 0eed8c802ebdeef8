using Gitmoxi.Action.GitHub;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.Tests.GitHub;

[TestClass]
public sealed class ActionInputsTests
{
    private static ActionInputs Inputs(Dictionary<string, string> variables, Dictionary<string, string>? overrides = null) =>
        new(new RunnerEnvironment(variables), overrides);

    [TestMethod]
    public void Variable_name_upper_cases_and_replaces_only_spaces()
    {
        Assert.AreEqual("INPUT_ROLE-TO-ASSUME", ActionInputs.VariableName("role-to-assume"));
        Assert.AreEqual("INPUT_MY_INPUT_NAME", ActionInputs.VariableName("my input name"));
        Assert.AreEqual("INPUT_WAIT_TIMEOUT", ActionInputs.VariableName("wait_timeout"));
    }

    [TestMethod]
    public void Input_is_read_from_its_hyphenated_variable_and_trimmed()
    {
        var inputs = Inputs(new() { ["INPUT_ROLE-TO-ASSUME"] = " \t\uFEFFarn:aws:iam::1:role/x \n\uFEFF " });

        Assert.AreEqual("arn:aws:iam::1:role/x", inputs.GetInput("role-to-assume"));
        Assert.AreEqual(" \t\uFEFFarn:aws:iam::1:role/x \n\uFEFF ", inputs.GetInput("role-to-assume", trimWhitespace: false));
    }

    [TestMethod]
    public void Missing_input_is_empty_unless_required()
    {
        var inputs = Inputs([]);

        Assert.AreEqual("", inputs.GetInput("path"));
        var error = Assert.ThrowsExactly<GitmoxiException>(() => inputs.GetInput("path", required: true));
        Assert.AreEqual("Input required and not supplied: path", error.Message);
    }

    [TestMethod]
    public void Required_check_runs_before_trimming_so_whitespace_counts_as_supplied()
    {
        var inputs = Inputs(new() { ["INPUT_PATH"] = "   " });

        Assert.AreEqual("", inputs.GetInput("path", required: true));
    }

    [TestMethod]
    public void Command_line_value_overrides_the_variable_and_is_trimmed_too()
    {
        var inputs = Inputs(new() { ["INPUT_MODE"] = "apply" }, new() { ["mode"] = " plan " });

        Assert.AreEqual("plan", inputs.GetInput("mode"));
    }

    [TestMethod]
    public void Boolean_accepts_exactly_the_yaml_core_schema_literals()
    {
        string[] trues = ["true", "True", "TRUE", " true "];
        string[] falses = ["false", "False", "FALSE"];
        foreach (var value in trues)
        {
            Assert.IsTrue(Inputs(new() { ["INPUT_PRUNE"] = value }).GetBooleanInput("prune"), value);
        }

        foreach (var value in falses)
        {
            Assert.IsFalse(Inputs(new() { ["INPUT_PRUNE"] = value }).GetBooleanInput("prune"), value);
        }
    }

    [TestMethod]
    [DataRow("yes")]
    [DataRow("tRue")]
    [DataRow("1")]
    [DataRow("")]
    public void Boolean_rejects_anything_else_with_the_toolkit_message(string value)
    {
        var inputs = Inputs(new() { ["INPUT_PRUNE"] = value });

        var error = Assert.ThrowsExactly<GitmoxiException>(() => inputs.GetBooleanInput("prune"));
        Assert.AreEqual(
            "Input does not meet YAML 1.2 \"Core Schema\" specification: prune\nSupport boolean input list: `true | True | TRUE | false | False | FALSE`",
            error.Message);
    }
}
