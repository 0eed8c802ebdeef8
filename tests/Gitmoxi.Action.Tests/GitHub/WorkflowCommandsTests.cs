using Gitmoxi.Action.GitHub;

namespace Gitmoxi.Action.Tests.GitHub;

[TestClass]
public sealed class WorkflowCommandsTests
{
    private static string Emit(Action<WorkflowCommands> write)
    {
        using var output = new StringWriter();
        write(new WorkflowCommands(output));
        return output.ToString();
    }

    [TestMethod]
    public void Escaping_matches_the_toolkit_test_vectors()
    {
        Assert.AreEqual("50%25%0D%0Aok", WorkflowCommands.EscapeData("50%\r\nok"));
        Assert.AreEqual("C%3A\\a%2Cb", WorkflowCommands.EscapeProperty("C:\\a,b"));
        Assert.AreEqual("%2525%0A", WorkflowCommands.EscapeData("%25\n"));
        Assert.AreEqual("a:b,c", WorkflowCommands.EscapeData("a:b,c"));
    }

    [TestMethod]
    public void Annotation_with_every_property_keeps_the_toolkit_order_and_escapes_values()
    {
        var text = Emit(c => c.Error(
            "bad value: 50%\nsee docs",
            new AnnotationProperties("GMX1001: x,y", "orders/a,b_lambdaeventsourcedef.json", 3, 4, 5, 9)));

        Assert.AreEqual(
            "::error title=GMX1001%3A x%2Cy,file=orders/a%2Cb_lambdaeventsourcedef.json,line=3,endLine=4,col=5,endColumn=9::bad value: 50%25%0Asee docs\n",
            text);
    }

    [TestMethod]
    public void Annotations_skip_empty_properties_and_omit_the_space_without_any()
    {
        var text = Emit(c =>
        {
            c.Warning("w", new AnnotationProperties(File: "f.json", StartLine: 2));
            c.Notice("n", new AnnotationProperties(Title: "", StartLine: 0));
            c.Notice("zero", new AnnotationProperties(Title: "0", EndColumn: 0));
            c.Error("e");
        });

        Assert.AreEqual("::warning file=f.json,line=2::w\n::notice ::n\n::notice title=0::zero\n::error::e\n", text);
    }

    [TestMethod]
    public void Other_commands_are_written_exactly()
    {
        var text = Emit(c =>
        {
            c.Debug("50% done\r\n");
            c.StartGroup("Plan: orders");
            c.EndGroup();
            c.AddMask("s3cr:t,\nline2");
            c.StopCommands("tok-1");
            c.ResumeCommands("tok-1");
        });

        Assert.AreEqual(
            "::debug::50%25 done%0D%0A\n::group::Plan: orders\n::endgroup::\n::add-mask::s3cr:t,%0Aline2\n::stop-commands::tok-1\n::tok-1::\n",
            text);
    }

    [TestMethod]
    public void A_message_carrying_a_command_after_a_newline_stays_on_one_line()
    {
        var text = Emit(c => c.Error("oops\n::set-output name=x::y", new AnnotationProperties(Title: "t\n::add-mask::z")));

        Assert.AreEqual("::error title=t%0A%3A%3Aadd-mask%3A%3Az::oops%0A::set-output name=x::y\n", text);
        Assert.AreEqual(1, text.Count(c => c == '\n'));
    }
}
