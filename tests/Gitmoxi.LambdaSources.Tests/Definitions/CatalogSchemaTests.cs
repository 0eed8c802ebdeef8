using System.Globalization;
using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Definitions;

namespace Gitmoxi.LambdaSources.Tests.Definitions;

/// <summary>The engine's member catalog and the shipped schema state the same types and constraints, member by member.</summary>
[TestClass]
public sealed class CatalogSchemaTests
{
    private static readonly JsonObject MappingSchema =
        JsonNode.Parse(File.ReadAllText(CorpusTests.RepositoryFile("schema/lambdaeventsourcedef.schema.json")))!["$defs"]!["EventSourceMapping"]!.AsObject();

    [TestMethod]
    public void Catalog_has_the_twenty_eight_create_members_and_seven_are_not_updatable()
    {
        Assert.AreEqual(28, MappingMemberCatalog.Mapping.Members.Count);
        Assert.AreEqual(
            "EventSourceArn StartingPosition StartingPositionTimestamp Tags Topics Queues SelfManagedEventSource",
            string.Join(" ", MappingMemberCatalog.Members.Where(m => m.CreateOnly).Select(m => m.Name)));
    }

    [TestMethod]
    public void Schema_states_every_catalog_constraint()
    {
        var problems = new List<string>();
        Compare(MappingMemberCatalog.Mapping, MappingSchema, "EventSourceMapping", problems);

        Assert.AreEqual(string.Empty, string.Join("\n", problems));
    }

    private static void Compare(Shape shape, JsonObject schema, string path, List<string> problems)
    {
        void Expect(string keyword, object? expected)
        {
            var actual = schema[keyword]?.ToJsonString();
            var wanted = expected switch
            {
                null => null,
                string s => JsonValue.Create(s).ToJsonString(),
                long l => l.ToString(CultureInfo.InvariantCulture),
                int i => i.ToString(CultureInfo.InvariantCulture),
                IEnumerable<string> list => new JsonArray([.. list.Select(v => JsonValue.Create(v))]).ToJsonString(),
                _ => throw new ArgumentException("Unexpected constraint.", nameof(expected)),
            };
            if (actual != wanted)
            {
                problems.Add($"{path}: {keyword} is {actual ?? "absent"}, catalog says {wanted ?? "absent"}");
            }
        }

        switch (shape)
        {
            case StringShape s:
                Expect("enum", s.Enum);
                Expect("minLength", s.MinLength > 0 ? s.MinLength : null);
                Expect("maxLength", s.MaxLength < int.MaxValue ? s.MaxLength : null);
                if (path != "EventSourceMapping.FunctionName")
                {
                    Expect("pattern", s.Pattern is null ? null : $"^(?:{s.Pattern})$");
                }

                break;
            case IntegerShape i:
                Expect("type", "integer");
                Expect("minimum", i.Min);
                Expect("maximum", i.Max);
                break;
            case BooleanShape:
                Expect("type", "boolean");
                break;
            case TimestampShape:
                Expect("type", null);
                break;
            case ListShape l:
                Expect("type", "array");
                Expect("minItems", l.MinItems > 0 ? l.MinItems : null);
                Expect("maxItems", l.MaxItems < int.MaxValue ? l.MaxItems : null);
                Compare(l.Member, schema["items"]!.AsObject(), path + "[]", problems);
                break;
            case MapShape m:
                Expect("type", "object");
                Expect("minProperties", m.MinEntries > 0 ? m.MinEntries : null);
                Expect("maxProperties", m.MaxEntries < int.MaxValue ? m.MaxEntries : null);
                if (m.Key.Enum is not null)
                {
                    Compare(m.Key, schema["propertyNames"]!.AsObject(), path + "{key}", problems);
                }

                Compare(m.Value, schema["additionalProperties"]!.AsObject(), path + "{}", problems);
                break;
            case StructureShape st:
                Expect("type", "object");
                var properties = schema["properties"]!.AsObject();
                var names = string.Join(" ", st.Members.Select(member => member.Name));
                if (names != string.Join(" ", properties.Select(p => p.Key)))
                {
                    problems.Add($"{path}: members {string.Join(" ", properties.Select(p => p.Key))}, catalog says {names}");
                }

                foreach (var member in st.Members.Where(member => properties.ContainsKey(member.Name)))
                {
                    Compare(member.Shape, properties[member.Name]!.AsObject(), $"{path}.{member.Name}", problems);
                }

                break;
        }
    }
}
