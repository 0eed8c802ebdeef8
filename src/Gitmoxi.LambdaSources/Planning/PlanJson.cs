using System.Text.Encodings.Web;
using System.Text.Json.Serialization.Metadata;

namespace Gitmoxi.LambdaSources.Planning;

/// <summary>
/// The saved form of a plan (<c>plan-file</c>) and of an apply result: indented, camelCase JSON with enums as
/// names and a <c>formatVersion</c>, so a plan saved by one release is either read exactly or refused clearly.
/// </summary>
internal static class PlanJson
{
    /// <summary>2: typed operations, drift as observations, live fingerprints. A file of version 1 is refused: plan again.</summary>
    public const int FormatVersion = 2;

    // The file is read by people too (in review, in artifacts): quotes and '<' stay readable instead of \u0022.
    private static readonly PlanJsonContext Context = new(
        new JsonSerializerOptions(PlanJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static readonly PlanJsonContext CompactContext = new(
        new JsonSerializerOptions(PlanJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false });

    public static string Serialize(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return JsonSerializer.Serialize(
            new PlanDocument(FormatVersion, plan.Functions, plan.Diagnostics), Context.PlanDocument);
    }

    /// <summary>
    /// What a saved plan is checked against when applied: per function, its target, the live fingerprint and the
    /// operations, as JSON. Display data (addresses, fields, notes, drift) is no part of it.
    /// </summary>
    public static string ApplyIdentity(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var functions = plan.Functions.Select(f => new AppliedFunction(
            f.FunctionArn, f.LiveFingerprint, [.. f.Changes.Select(c => c.Operation).OfType<ChangeOperation>()])).ToList();
        return JsonSerializer.Serialize(functions, Context.ListAppliedFunction);
    }

    /// <summary>One operation as its plan-file JSON, on one line (for tests and logs).</summary>
    internal static string SerializeOperation(ChangeOperation operation) =>
        JsonSerializer.Serialize(operation, CompactContext.ChangeOperation);

    /// <exception cref="GitmoxiException">The text is not a plan of this format version.</exception>
    public static Plan DeserializePlan(string json)
    {
        var document = Read(json, "plan", Context.PlanDocument);
        return new Plan(document.Functions, document.Diagnostics);
    }

    private static T Read<T>(string json, string what, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            // The version is checked before the shape, so a newer file is refused for what it is, not for a missing member.
            var root = JsonNode.Parse(json) as JsonObject
                ?? throw new GitmoxiException(DiagnosticCodes.PlanFileUnreadable, $"The {what} file is not a JSON object.");
            var version = root["formatVersion"] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
                ? value.ToJsonString()
                : throw new GitmoxiException(DiagnosticCodes.PlanFileUnreadable, $"The {what} file has no formatVersion; it was not written by this tool.");
            if (version != FormatVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw new GitmoxiException(
                    DiagnosticCodes.PlanFileUnreadable,
                    $"The {what} file has formatVersion {version}; this version of the tool reads formatVersion {FormatVersion}. Plan again with this version.");
            }

            return root.Deserialize(typeInfo) ?? throw new GitmoxiException(DiagnosticCodes.PlanFileUnreadable, $"The {what} file is empty.");
        }
        catch (JsonException e)
        {
            throw new GitmoxiException(DiagnosticCodes.PlanFileUnreadable, $"The {what} file is not valid: {e.Message}", e);
        }
    }
}

internal sealed record PlanDocument(int FormatVersion, IReadOnlyList<FunctionPlan> Functions, IReadOnlyList<Diagnostic> Diagnostics);

internal sealed record AppliedFunction(string FunctionArn, string LiveFingerprint, IReadOnlyList<ChangeOperation> Operations);

// Computed members (Plan.Totals, Diagnostic.IsError, …) have no setter and are left out by IgnoreReadOnlyProperties.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(PlanDocument))]
[JsonSerializable(typeof(List<AppliedFunction>))]
[JsonSerializable(typeof(ChangeOperation))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
