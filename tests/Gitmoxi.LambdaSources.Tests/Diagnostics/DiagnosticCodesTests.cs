using System.Reflection;
using System.Text.RegularExpressions;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Tests.Definitions;

namespace Gitmoxi.LambdaSources.Tests.Diagnostics;

[TestClass]
public sealed partial class DiagnosticCodesTests
{
    private static readonly Dictionary<string, string> Constants = typeof(DiagnosticCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

    [TestMethod]
    public void Every_code_is_unique_well_formed_and_has_a_title()
    {
        Assert.AreEqual(Constants.Count, Constants.Values.Distinct(StringComparer.Ordinal).Count(), "two members share a code");
        foreach (var (name, code) in Constants)
        {
            Assert.IsTrue(CodePattern().IsMatch(code), $"{name} = {code}");
            Assert.IsTrue(DiagnosticCodes.Titles.ContainsKey(code), $"{name} ({code}) has no title");
        }

        CollectionAssert.AreEquivalent(Constants.Values.ToList(), DiagnosticCodes.Titles.Keys.ToList(), "a title for a code with no member");
    }

    [TestMethod]
    public void The_diagnostics_page_documents_every_code_with_its_title_and_nothing_else()
    {
        var documented = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(CorpusTests.RepositoryFile("docs/diagnostics.md")))
        {
            if (DocumentedRow().Match(line) is { Success: true } row)
            {
                Assert.IsTrue(documented.TryAdd(row.Groups["code"].Value, row.Groups["title"].Value), $"{row.Groups["code"].Value} is documented twice");
            }
        }

        var undocumented = DiagnosticCodes.Titles.Keys.Except(documented.Keys).Order(StringComparer.Ordinal).ToList();
        var unknown = documented.Keys.Except(DiagnosticCodes.Titles.Keys).Order(StringComparer.Ordinal).ToList();
        var wrongTitles = documented
            .Where(d => DiagnosticCodes.Titles.TryGetValue(d.Key, out var title) && title != d.Value)
            .Select(d => $"{d.Key}: docs '{d.Value}', registry '{DiagnosticCodes.Titles[d.Key]}'")
            .ToList();
        Assert.AreEqual("", string.Join(", ", undocumented), "codes missing from docs/diagnostics.md");
        Assert.AreEqual("", string.Join(", ", unknown), "documented codes the registry does not have");
        Assert.AreEqual("", string.Join("\n", wrongTitles), "titles differ");
    }

    [GeneratedRegex(@"^GMX[1-9]\d{3}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^\| (?<code>GMX\d{4}) \| (?<title>[^|]+?) \|")]
    private static partial Regex DocumentedRow();
}
