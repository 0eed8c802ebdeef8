#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Gitmoxi.Build;


/// <summary>
/// Writes the C# model classes of each AWS service the engine calls from a checked-in subset of that service's botocore
/// model (<c>service-2.json</c>: the operations the engine calls, and of each shape only the members it uses), as the
/// official SDKs generate theirs: <c>{Operation}Request</c> and <c>{Operation}Response</c> from each operation's input
/// and output shape, every other structure under its shape name, and for a JSON protocol (<c>rest-json</c>,
/// <c>json</c>) a source-generated <c>JsonSerializerContext</c> listing every request and response. Each member's JSON
/// name is its wire name (<c>locationName</c>, else its member name); its C# name is the member name with a capital
/// first letter. The classes are <c>partial</c>, so a service folder can add to one by hand.
/// </summary>
/// <remarks>
/// Runs inside MSBuild (a <c>RoslynCodeTaskFactory</c> task compiled against .NET Standard), so it reads JSON through
/// <see cref="JsonReaderWriterFactory"/> rather than System.Text.Json. The model subset is tested against the installed
/// botocore by the engine's tests; this task trusts it and fails on a shape it cannot map.
/// </remarks>
public sealed class GenerateAwsModels : Microsoft.Build.Utilities.Task
{
    /// <summary>The model subsets; metadata <c>Namespace</c> (the service's namespace, classes go to <c>.Model</c>) and <c>JsonContext</c>.</summary>
    [Required]
    public ITaskItem[] Models { get; set; } = Array.Empty<ITaskItem>();

    [Required]
    public string OutputDirectory { get; set; } = "";

    [Output]
    public ITaskItem[] Generated { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        Directory.CreateDirectory(OutputDirectory);
        var generated = new List<ITaskItem>();
        foreach (var item in Models)
        {
            var path = item.GetMetadata("FullPath");
            try
            {
                var text = Generate(File.ReadAllBytes(path), item.GetMetadata("Namespace"), item.GetMetadata("JsonContext"), Path.GetFileName(path));
                var output = Path.Combine(OutputDirectory, Path.GetFileNameWithoutExtension(path) + ".g.cs");
                if (!File.Exists(output) || File.ReadAllText(output) != text)
                {
                    File.WriteAllText(output, text);
                }

                generated.Add(new TaskItem(output));
            }
            catch (InvalidDataException e)
            {
                Log.LogError(null, "GMX0900", null, path, 0, 0, 0, 0, e.Message);
            }
        }

        Generated = generated.ToArray();
        return !Log.HasLoggedErrors;
    }

    /// <summary>The generated source for one model subset.</summary>
    /// <exception cref="InvalidDataException">The subset names a shape it does not define, or a type this generator does not map.</exception>
    public static string Generate(byte[] model, string serviceNamespace, string jsonContext, string source)
    {
        XElement root;
        using (var reader = JsonReaderWriterFactory.CreateJsonReader(model, XmlDictionaryReaderQuotas.Max))
        {
            root = XElement.Load(reader);
        }

        var metadata = root.Element("metadata") ?? throw new InvalidDataException($"{source}: no metadata.");
        var protocol = Text(metadata, "protocol") ?? throw new InvalidDataException($"{source}: metadata.protocol is missing.");
        var isJson = protocol is "rest-json" or "json";
        var shapes = Entries(root.Element("shapes")).ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        var classes = new SortedDictionary<string, XElement>(StringComparer.Ordinal);
        var wireTypes = new List<string>();
        var named = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var (name, operation) in Entries(root.Element("operations")))
        {
            foreach (var (part, suffix) in new[] { ("input", "Request"), ("output", "Response") })
            {
                var className = name + suffix;
                var shapeName = operation.Element(part) is { } reference ? Text(reference, "shape") : null;
                classes[className] = shapeName is null ? new XElement("empty") : Shape(shapes, shapeName, source);
                if (isJson)
                {
                    wireTypes.Add(className);
                }
            }
        }

        // Every structure a member reaches is a class of its shape name (also when it is an operation's input or output).
        var pending = new Queue<XElement>(classes.Values);
        while (pending.Count > 0)
        {
            foreach (var (_, member) in Entries(pending.Dequeue().Element("members")))
            {
                foreach (var structure in Structures(shapes, Text(member, "shape")!, source))
                {
                    if (!classes.ContainsKey(structure))
                    {
                        classes[structure] = shapes[structure];
                        pending.Enqueue(shapes[structure]);
                    }
                }
            }
        }

        var text = new StringBuilder();
        text.Append("// <auto-generated>From ").Append(source).Append(" by build/codegen/GenerateAwsModels.cs; do not edit.</auto-generated>\n");
        text.Append("#nullable enable\n");
        text.Append(isJson ? "using System.Text.Json.Serialization;\n\n" : "\n");
        text.Append("namespace ").Append(serviceNamespace).Append(".Model\n{\n");
        var apiVersion = Text(metadata, "apiVersion");
        foreach (var entry in classes)
        {
            var className = entry.Key;
            var shape = entry.Value;
            text.Append(className == classes.Keys.First() ? "" : "\n");
            text.Append("    /// <summary>botocore ").Append(Text(metadata, "serviceId")).Append(' ').Append(apiVersion).Append(": <c>").Append(className).Append("</c>.</summary>\n");
            text.Append("    internal sealed partial class ").Append(className).Append("\n    {\n");
            var first = true;
            foreach (var (memberName, member) in Entries(shape.Element("members")))
            {
                if (!first)
                {
                    text.Append('\n');
                }

                first = false;
                var property = char.ToUpperInvariant(memberName[0]) + memberName.Substring(1);
                if (property == className)
                {
                    property += "Value";
                }

                var shapeName = Text(member, "shape")!;
                if (isJson)
                {
                    text.Append("        [JsonPropertyName(\"").Append(Text(member, "locationName") ?? memberName).Append("\")]\n");
                    if (Text(Shape(shapes, shapeName, source), "type") == "timestamp"
                        && (Text(member, "timestampFormat") ?? Text(shapes[shapeName], "timestampFormat") ?? "unixTimestamp") == "unixTimestamp")
                    {
                        text.Append("        [JsonConverter(typeof(global::Gitmoxi.LambdaSources.Aws.EpochSecondsConverter))]\n");
                    }
                }

                text.Append("        public ").Append(TypeOf(shapes, shapeName, source)).Append("? ").Append(property).Append(" { get; set; }\n");
            }

            text.Append("    }\n");
        }

        text.Append("}\n");
        if (isJson)
        {
            text.Append("\nnamespace ").Append(serviceNamespace).Append("\n{\n");
            text.Append("    using ").Append(serviceNamespace).Append(".Model;\n\n");
            text.Append("    /// <summary>Source-generated JSON for the ").Append(Text(metadata, "serviceId"))
                .Append(" wire types; null members are not written (a member left out takes its default).</summary>\n");
            text.Append("    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]\n");
            foreach (var type in wireTypes)
            {
                text.Append("    [JsonSerializable(typeof(").Append(type).Append("))]\n");
            }

            text.Append("    internal sealed partial class ").Append(jsonContext).Append(" : JsonSerializerContext;\n}\n");
        }

        return text.ToString();
    }

    private static string TypeOf(Dictionary<string, XElement> shapes, string name, string source)
    {
        var shape = Shape(shapes, name, source);
        return Text(shape, "type") switch
        {
            "string" => "string",
            "integer" => "int",
            "long" => "long",
            "boolean" => "bool",
            "double" => "double",
            "float" => "float",
            "timestamp" => "global::System.DateTime",
            "blob" => "byte[]",
            "structure" => name,
            "list" => "global::System.Collections.Generic.List<" + TypeOf(shapes, Text(shape.Element("member")!, "shape")!, source) + ">",
            "map" => "global::System.Collections.Generic.Dictionary<" + TypeOf(shapes, Text(shape.Element("key")!, "shape")!, source) + ", "
                + TypeOf(shapes, Text(shape.Element("value")!, "shape")!, source) + ">",
            var other => throw new InvalidDataException($"{source}: shape {name} has type {other}, which the generator does not map."),
        };
    }

    /// <summary>The structures a member of this shape holds (itself, or what its lists and maps hold).</summary>
    private static IEnumerable<string> Structures(Dictionary<string, XElement> shapes, string name, string source)
    {
        var shape = Shape(shapes, name, source);
        switch (Text(shape, "type"))
        {
            case "structure":
                return new[] { name };
            case "list":
                return Structures(shapes, Text(shape.Element("member")!, "shape")!, source);
            case "map":
                return Structures(shapes, Text(shape.Element("value")!, "shape")!, source);
            default:
                return Array.Empty<string>();
        }
    }

    private static XElement Shape(Dictionary<string, XElement> shapes, string name, string source) =>
        shapes.TryGetValue(name, out var shape) ? shape : throw new InvalidDataException($"{source}: shape {name} is used but not defined.");

    /// <summary>The members of a JSON object in document order (the JSON reader names an element "a:item" when the key is not an XML name).</summary>
    private static IEnumerable<(string Name, XElement Value)> Entries(XElement? element) =>
        element is null ? Enumerable.Empty<(string, XElement)>() : element.Elements().Select(e => ((string?)e.Attribute("item") ?? e.Name.LocalName, e));

    private static string? Text(XElement element, string name) =>
        element.Elements().FirstOrDefault(e => ((string?)e.Attribute("item") ?? e.Name.LocalName) == name)?.Value;
}
