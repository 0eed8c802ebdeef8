using System.Text;
using Gitmoxi.LambdaSources.Definitions.Json;

namespace Gitmoxi.LambdaSources.Tests.Definitions;

[TestClass]
public sealed class SourceJsonReaderTests
{
    private static SourceDocument Parse(string text) => SourceJsonReader.Parse(Encoding.UTF8.GetBytes(text), "f.json");

    private static string Problems(SourceDocument document) =>
        string.Join("\n", document.Diagnostics.Select(d => $"{d.Span}: {d.Code}"));

    [TestMethod]
    public void Nodes_carry_one_based_lines_and_columns_of_values_and_keys()
    {
        var document = Parse("{\n  \"a\": [1, true],\n\t\"b\": {\"c\": null}\n}");

        var root = (SourceObject)document.Root!;
        Assert.AreEqual(new TextPosition(1, 1), root.Position);
        var a = root.Find("a")!;
        Assert.AreEqual(new TextPosition(2, 3), a.NamePosition);
        Assert.AreEqual(new TextPosition(2, 8), a.Value.Position);
        Assert.AreEqual(new TextPosition(2, 12), ((SourceArray)a.Value).Items[1].Position);
        var b = root.Find("b")!;
        Assert.AreEqual(new TextPosition(3, 2), b.NamePosition);
        Assert.AreEqual(new TextPosition(3, 13), ((SourceObject)b.Value).Find("c")!.Value.Position);
        Assert.AreEqual(string.Empty, Problems(document));
    }

    [TestMethod]
    public void Columns_count_characters_not_bytes()
    {
        var document = Parse("{\"é€\": \"ü\", \"x\": 1}");

        var root = (SourceObject)document.Root!;
        Assert.AreEqual(new TextPosition(1, 8), root.Find("é€")!.Value.Position);
        Assert.AreEqual(new TextPosition(1, 18), root.Find("x")!.Value.Position);
    }

    [TestMethod]
    public void Positions_inside_strings_step_over_escapes()
    {
        var document = Parse("{\"k\": \"a\\u00e9\\n{{ x }}\"}");

        var text = (SourceString)((SourceObject)document.Root!).Find("k")!.Value;
        Assert.AreEqual("aé\n{{ x }}", text.Value);
        Assert.AreEqual(new TextPosition(1, 7), text.Position);
        Assert.AreEqual(new TextPosition(1, 17), text.PositionOf(3));
    }

    [TestMethod]
    public void Numbers_keep_their_written_text()
    {
        var document = Parse("[10, -1, 1.50, 2e3]");

        Assert.AreEqual("10 -1 1.50 2e3", string.Join(" ", ((SourceArray)document.Root!).Items.Cast<SourceNumber>().Select(n => n.RawText)));
    }

    [TestMethod]
    public void Utf8_byte_order_mark_is_skipped_without_shifting_columns()
    {
        var document = SourceJsonReader.Parse([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"a\": 1}")], "f.json");

        Assert.AreEqual(new TextPosition(1, 7), ((SourceObject)document.Root!).Find("a")!.Value.Position);
        Assert.AreEqual(string.Empty, Problems(document));
    }

    [TestMethod]
    public void Malformed_json_is_reported_where_the_reader_stopped()
    {
        Assert.AreEqual("f.json(2,11): GMX1007", Problems(Parse("{\n  \"a\": tru\n}")));
        Assert.AreEqual("f.json(1,9): GMX1007", Problems(Parse("{\"a\": 1,}")));
        Assert.AreEqual("f.json(1,10): GMX1007", Problems(Parse("{\"a\": 1} {")));
        Assert.AreEqual("f.json(1,3): GMX1007", Problems(Parse("  ")));
        Assert.IsNull(Parse("{\"a\": 1,}").Root);
    }

    [TestMethod]
    public void Comments_are_refused()
    {
        Assert.AreEqual("f.json(1,2): GMX1007", Problems(Parse("{/* no */}")));
    }

    [TestMethod]
    public void Duplicate_keys_are_reported_at_the_repeated_key_and_the_first_value_kept()
    {
        var document = Parse("{\"a\": 1,\n \"a\": 2}");

        Assert.AreEqual("f.json(2,2): GMX1009", Problems(document));
        Assert.AreEqual("1", ((SourceNumber)((SourceObject)document.Root!).Find("a")!.Value).RawText);
    }

    [TestMethod]
    public void Nesting_beyond_sixty_four_levels_is_a_diagnostic_not_a_crash()
    {
        Assert.AreEqual(string.Empty, Problems(Parse(new string('[', 64) + new string(']', 64))));
        Assert.AreEqual("f.json(1,65): GMX1008", Problems(Parse(new string('[', 65) + new string(']', 65))));
        Assert.AreEqual("f.json(1,65): GMX1008", Problems(Parse(new string('[', 100_000))));
    }

    [TestMethod]
    public void Invalid_utf8_is_reported_at_the_bad_byte()
    {
        var document = SourceJsonReader.Parse([.. Encoding.UTF8.GetBytes("{\n\"a\": \""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")], "f.json");

        Assert.AreEqual("f.json(2,7): GMX1006", Problems(document));
    }

    [TestMethod]
    [DataRow(new byte[] { 0xFF, 0xFE, 0x7B, 0x00 }, "UTF-16")]
    [DataRow(new byte[] { 0xFE, 0xFF, 0x00, 0x7B }, "UTF-16")]
    [DataRow(new byte[] { 0xFF, 0xFE, 0x00, 0x00, 0x7B, 0x00, 0x00, 0x00 }, "UTF-32")]
    [DataRow(new byte[] { 0x7B, 0x00, 0x7D, 0x00 }, "UTF-16 or UTF-32")]
    public void Wide_encodings_are_refused_by_name(byte[] bytes, string encoding)
    {
        var document = SourceJsonReader.Parse(bytes, "f.json");

        Assert.AreEqual("f.json(1,1): GMX1005", Problems(document));
        Assert.AreEqual($"The file is encoded as {encoding}; definition files must be UTF-8.", document.Diagnostics[0].Message);
    }

    [TestMethod]
    public void A_long_minified_line_keeps_exact_columns()
    {
        var items = string.Join(",", Enumerable.Range(0, 200_000).Select(_ => "\"é\""));
        var document = Parse("[" + items + "]");

        var last = ((SourceArray)document.Root!).Items[^1];
        Assert.AreEqual(new TextPosition(1, 2 + (199_999 * 4)), last.Position);
    }

    [TestMethod]
    public async Task Files_over_ten_mebibytes_are_refused_without_being_read()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var stream = File.OpenWrite(path))
            {
                stream.SetLength(SourceJsonReader.MaxFileBytes + 1);
            }

            var document = await SourceJsonReader.ReadFileAsync(path, "big.json", CancellationToken.None);

            Assert.AreEqual("big.json(1,1): GMX1004", Problems(document));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
