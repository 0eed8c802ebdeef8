using Gitmoxi.LambdaSources.Definitions.Json;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>One group's outcome: its function when every file of the group is valid, and the group's diagnostics.</summary>
internal sealed record GroupResult(FunctionDefinition? Function, ResolvedFunction? Resolved, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>Reads the files sharing one prefix (event sources, function, deployment, input) into a <see cref="FunctionDefinition"/>.</summary>
internal static class DefinitionGroupReader
{
    public const string LambdaDefSuffix = "_lambdadef.json";
    public const string DepDefSuffix = "_lambdadepdef.json";
    public const string InputSuffix = "_lambdainput.json";
    private static readonly string[] DepDefKeys = ["alias", "environment", "trafficShiftingConfig", "alarms", "readinessCheck"];

    public static async Task<GroupResult> ReadAsync(DiscoveredFile definition, DefinitionOptions options, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        var fullPrefix = definition.FullPath[..^DefinitionDiscovery.Suffix.Length];
        var displayPrefix = definition.DisplayPath[..^DefinitionDiscovery.Suffix.Length];

        var eventTree = (await SourceJsonReader.ReadFileAsync(definition.FullPath, definition.DisplayPath, cancellationToken)).Collect(diagnostics);
        var lambdaDef = await ReadCompanionAsync(fullPrefix, displayPrefix, LambdaDefSuffix, options, diagnostics, cancellationToken);
        var depDef = await ReadCompanionAsync(fullPrefix, displayPrefix, DepDefSuffix, options, diagnostics, cancellationToken);
        var input = await ReadCompanionAsync(fullPrefix, displayPrefix, InputSuffix, options, diagnostics, cancellationToken);

        return Build(displayPrefix, definition.DisplayPath, eventTree, lambdaDef, depDef, input, options, diagnostics);
    }

    /// <summary>
    /// A group a change deleted, from its files at the base commit: read as any group, so its function and alias
    /// resolve exactly as they did when it deployed its sources.
    /// </summary>
    public static GroupResult ReadRemoved(RemovedGroup group, DefinitionOptions options)
    {
        var diagnostics = new List<Diagnostic>();
        Companion? Parse(string suffix)
        {
            var file = group.Prefix + suffix;
            return group.Files.TryGetValue(file, out var bytes) ? new Companion(file, SourceJsonReader.Parse(bytes, file).Collect(diagnostics)) : null;
        }

        var definition = Parse(DefinitionDiscovery.Suffix);
        return Build(group.Prefix, group.Prefix + DefinitionDiscovery.Suffix, definition?.Root, Parse(LambdaDefSuffix), Parse(DepDefSuffix), Parse(InputSuffix), options, diagnostics);
    }

    private static GroupResult Build(
        string displayPrefix,
        string definitionFile,
        SourceNode? eventTree,
        Companion? lambdaDef,
        Companion? depDef,
        Companion? input,
        DefinitionOptions options,
        List<Diagnostic> diagnostics)
    {
        var values = input is { Root: { } inputRoot } ? Placeholders.ReadValues(inputRoot, input.File, diagnostics) : new Dictionary<string, SourceNode>();
        if (eventTree is null)
        {
            return new GroupResult(null, null, Sorted(diagnostics));
        }

        var eventContext = new ValidationContext(definitionFile, diagnostics);
        var file = new EventSourceFileValidator(eventContext).Validate(Placeholders.Substitute(eventTree, values, definitionFile, diagnostics));
        var lambdaTree = lambdaDef is { Root: { } lambdaRoot } ? Substituted(lambdaDef, lambdaRoot, values, diagnostics) : null;
        var functionName = lambdaTree is null ? null : ReadFunctionName(lambdaTree, lambdaDef!.File, diagnostics);
        var depTree = depDef is { Root: { } depRoot } ? Substituted(depDef, depRoot, values, diagnostics) : null;
        var alias = depTree is null ? null : ReadAlias(depTree, depDef!.File, diagnostics);
        var environment = depTree is SourceObject depObject ? DeploymentEnvironment.Read(depObject, depDef!.File, diagnostics) : null;

        var groupSpan = eventContext.Span(file.RootPosition);
        var candidates = functionName is null ? file.FunctionNames : [functionName, .. file.FunctionNames];
        var written = file.FunctionNamesWritten + (lambdaTree is SourceObject lambdaObject && lambdaObject.Find("FunctionName") is not null ? 1 : 0);
        var unusable = candidates.Count < written;
        var resolved = FunctionResolver.Resolve(candidates, unusable, alias, options, groupSpan, diagnostics);
        if (resolved is not null)
        {
            CheckPushSourceLocations(file.PushSources, resolved.Reference, diagnostics);
            environment?.CheckAgainst(resolved.Reference, diagnostics);
        }

        if (diagnostics.Any(d => d.IsError) || resolved is null)
        {
            return new GroupResult(null, resolved, Sorted(diagnostics));
        }

        var function = new FunctionDefinition(
            displayPrefix,
            definitionFile,
            resolved.Reference.Unqualified,
            resolved.Qualifier,
            file.PushSources,
            [.. file.Mappings.Select(m => ToDefinition(m, definitionFile))],
            environment);
        return new GroupResult(function, resolved, Sorted(diagnostics));
    }

    private sealed record Companion(string File, SourceNode? Root);

    private static async Task<Companion?> ReadCompanionAsync(
        string fullPrefix, string displayPrefix, string suffix, DefinitionOptions options, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var fullPath = fullPrefix + suffix;
        var display = displayPrefix + suffix;
        if (!File.Exists(fullPath))
        {
            return null;
        }

        if (!DefinitionDiscovery.IsInside(fullPath, options.RootDirectory))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.PathOutsideRoot,
                $"'{display}' is a symbolic link to a file outside the root directory; it was not read.", new SourceSpan(display, 1, 1)));
            return new Companion(display, null);
        }

        var root = (await SourceJsonReader.ReadFileAsync(fullPath, display, cancellationToken)).Collect(diagnostics);
        return new Companion(display, root);
    }

    private static SourceNode? Collect(this SourceDocument document, List<Diagnostic> diagnostics)
    {
        diagnostics.AddRange(document.Diagnostics);
        return document.Root;
    }

    private static SourceNode Substituted(Companion companion, SourceNode root, IReadOnlyDictionary<string, SourceNode> values, List<Diagnostic> diagnostics) =>
        Placeholders.Substitute(root, values, companion.File, diagnostics);

    /// <summary>The FunctionName of a CreateFunction definition; its other fields belong to the function deployment.</summary>
    private static FunctionNameCandidate? ReadFunctionName(SourceNode root, string file, List<Diagnostic> diagnostics)
    {
        var context = new ValidationContext(file, diagnostics);
        if (root is not SourceObject obj)
        {
            context.WrongType(root, "The function definition", "a JSON object");
            return null;
        }

        if (obj.Find("FunctionName") is not { } property
            || !ShapeValidator.Validate(property.Value, new StringShape(1, FunctionReference.MaxLength), "FunctionName", context)
            || property.Value is not SourceString name)
        {
            return null;
        }

        return EventSourceFileValidator.ParseFunctionName(name, "FunctionName", context) is { } reference
            ? new FunctionNameCandidate(reference, name.Position, file)
            : null;
    }

    private static DeclaredAlias? ReadAlias(SourceNode root, string file, List<Diagnostic> diagnostics)
    {
        var context = new ValidationContext(file, diagnostics);
        if (root is not SourceObject obj)
        {
            context.WrongType(root, "The deployment definition", "a JSON object");
            return null;
        }

        foreach (var property in obj.Properties.Where(p => !DepDefKeys.Contains(p.Name, StringComparer.Ordinal)))
        {
            context.UnknownKey(property, string.Empty, DepDefKeys);
        }

        if (obj.Find("alias") is not { } alias)
        {
            context.MissingRequired(string.Empty, "alias", obj.Position);
            return null;
        }

        if (!ShapeValidator.Validate(alias.Value, new StringShape(1, 128), "alias", context) || alias.Value is not SourceString text)
        {
            return null;
        }

        if (!FunctionReference.IsValidQualifier(text.Value))
        {
            context.Error(DiagnosticCodes.InvalidAlias,
                $"alias '{text.Value}' is not an alias name ([a-zA-Z0-9-_], 1 to 128 characters), a version number or $LATEST.", text.Position);
            return null;
        }

        return new DeclaredAlias(text.Value, text.Position, file);
    }

    /// <summary>An ELB target must be in the function's account and Region; checkable when the function is given as an ARN.</summary>
    private static void CheckPushSourceLocations(IReadOnlyList<PushSource> sources, FunctionReference function, List<Diagnostic> diagnostics)
    {
        if (function.Region is null || function.Account is null)
        {
            return;
        }

        foreach (var elb in sources.OfType<ElbPushSource>())
        {
            var parts = elb.TargetGroupArn.Split(':');
            if (parts[3] != function.Region || parts[4] != function.Account)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.PushSourceLocationMismatch,
                    $"The target group {elb.TargetGroupArn} is in {parts[4]}/{parts[3]}, but the function {function.Unqualified} is in {function.Account}/{function.Region}; "
                    + "a load balancer can only invoke a function in its own account and Region.", elb.Span));
            }
        }
    }

    private static EventSourceMappingDefinition ToDefinition(MappingDraft draft, string file)
    {
        var members = new JsonObject();
        var spans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        foreach (var property in draft.Node.Properties.Where(p => p.Name != "FunctionName"))
        {
            members[property.Name] = property.Name == "StartingPositionTimestamp"
                ? JsonValue.Create(ShapeValidator.AsEpochSeconds(property.Value)!.Value)
                : SourceNodeConversion.ToJsonNode(property.Value);
            spans[property.Name] = new SourceSpan(file, property.NamePosition.Line, property.NamePosition.Column);
        }

        return new EventSourceMappingDefinition(draft.Kind!.Value, draft.EventSourceArn, members, spans,
            new SourceSpan(file, draft.Node.Position.Line, draft.Node.Position.Column));
    }

    /// <summary>File by file, then by position, so hosts list a group's problems in reading order.</summary>
    private static List<Diagnostic> Sorted(List<Diagnostic> diagnostics) =>
        [.. diagnostics.OrderBy(d => d.Span?.File, StringComparer.Ordinal).ThenBy(d => d.Span?.Line).ThenBy(d => d.Span?.Column)];
}
