using Gitmoxi.Action.GitHub;

namespace Gitmoxi.Action.Tests.GitHub;

[TestClass]
public sealed class SecretMaskerTests
{
    [TestMethod]
    public void Registering_emits_add_mask_on_the_raw_stream_and_scrubs_later_output()
    {
        using var raw = new StringWriter();
        using var console = new ActionConsole(raw, TextWriter.Null);

        console.Out.Write("before\n");
        console.Masker.Register("hunter2-secret");
        console.Masker.Register("hunter2-secret");
        console.Out.Write("key=hunter2-secret; again hunter2-secret\n");

        Assert.AreEqual("before\n::add-mask::hunter2-secret\nkey=***; again ***\n", raw.ToString());
    }

    [TestMethod]
    public void A_secret_written_in_pieces_is_still_scrubbed_because_lines_pass_whole()
    {
        using var raw = new StringWriter();
        using var errors = new StringWriter();
        using var console = new ActionConsole(raw, errors);
        console.Masker.Register("ABCDEFGHIJ");

        console.Error.Write("x ABCDE");
        console.Error.Write('F');
        console.Error.Write("GHIJ y\nnext ABC".ToCharArray(), 0, 15);
        Assert.AreEqual("x *** y\n", errors.ToString());

        console.Error.Write("DEFGHIJ");
        console.Dispose();
        Assert.AreEqual("x *** y\nnext ***", errors.ToString());
    }

    [TestMethod]
    public void Each_line_of_a_multi_line_secret_is_masked_too()
    {
        using var raw = new StringWriter();
        using var console = new ActionConsole(raw, TextWriter.Null);

        console.Masker.Register("first-line-secret\nsecond-line-secret");
        console.Out.WriteLine("a first-line-secret b");
        console.Out.WriteLine("c second-line-secret d");

        Assert.AreEqual("::add-mask::first-line-secret%0Asecond-line-secret\na *** b\nc *** d\n", raw.ToString());
    }

    [TestMethod]
    public void Blank_values_are_not_registered()
    {
        using var raw = new StringWriter();
        var masker = new SecretMasker(raw);

        masker.Register("");
        masker.Register("  ");

        Assert.AreEqual("", raw.ToString());
        Assert.AreEqual("a  b", masker.Scrub("a  b"));
    }
}
