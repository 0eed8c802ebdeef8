using Gitmoxi.LambdaSources.Definitions.Json;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>A declared alias (from <c>_lambdadepdef.json</c>) with where it was written.</summary>
internal sealed record DeclaredAlias(string Alias, TextPosition Position, string File);

/// <summary>The function and qualifier a group's sources are wired to.</summary>
internal sealed record ResolvedFunction(FunctionReference Reference, string? Qualifier, SourceSpan Span);

/// <summary>
/// Decides which function and alias a group of files targets (SPEC §2.3): the <c>_lambdadef.json</c> FunctionName,
/// else the mappings' FunctionName, else the host default; the alias from <c>_lambdadepdef.json</c>, else the host
/// default, else a qualifier written into a FunctionName.
/// </summary>
internal static class FunctionResolver
{
    /// <param name="candidates">The valid FunctionNames of the group's files, the _lambdadef.json one first.</param>
    /// <param name="declaresUnusableName">A FunctionName is written but invalid (already reported), so the default must not stand in for it.</param>
    public static ResolvedFunction? Resolve(
        IReadOnlyList<FunctionNameCandidate> candidates,
        bool declaresUnusableName,
        DeclaredAlias? declaredAlias,
        DefinitionOptions options,
        SourceSpan groupSpan,
        List<Diagnostic> diagnostics)
    {
        if (declaresUnusableName)
        {
            return null;
        }

        var primary = candidates.Count > 0 ? candidates[0].Reference : Default(options, groupSpan, diagnostics);
        if (primary is null)
        {
            return null;
        }

        var consistent = CheckNames(candidates, diagnostics) & CheckQualifiers(candidates, diagnostics);
        var overriding = OverridingAlias(declaredAlias, options, groupSpan, diagnostics, out var aliasValid);
        if (overriding is not null)
        {
            foreach (var candidate in candidates.Where(c => c.Reference.Qualifier is { } q && q != overriding))
            {
                diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.QualifierOverridden,
                    $"FunctionName '{Written(candidate)}' names the qualifier '{candidate.Reference.Qualifier}', but the sources are wired to the alias '{overriding}' "
                    + $"({(declaredAlias is null ? "the host's default alias" : "from " + declaredAlias.File)}).",
                    Span(candidate)));
            }
        }

        if (!consistent || !aliasValid)
        {
            return null;
        }

        var qualifier = overriding ?? candidates.Select(c => c.Reference.Qualifier).FirstOrDefault(q => q is not null) ?? primary.Qualifier;
        var span = candidates.Count > 0 ? Span(candidates[0]) : groupSpan;
        return new ResolvedFunction(primary with { Qualifier = null }, qualifier, span);
    }

    private static FunctionReference? Default(DefinitionOptions options, SourceSpan groupSpan, List<Diagnostic> diagnostics)
    {
        if (options.DefaultFunctionName is not { } name)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.FunctionNameMissing,
                "No function is named for these event sources: set FunctionName in the _lambdadef.json file or in the EventSourceMapping, "
                + "or give a default function name (Action input function-name, MSBuild property GitmoxiFunctionName).", groupSpan));
            return null;
        }

        var reference = FunctionReference.TryParse(name);
        if (reference is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidFunctionName,
                $"The default function name '{name}' is not a function name, partial ARN or function ARN.", groupSpan));
        }

        return reference;
    }

    private static bool CheckNames(IReadOnlyList<FunctionNameCandidate> candidates, List<Diagnostic> diagnostics)
    {
        var consistent = true;
        for (var i = 1; i < candidates.Count; i++)
        {
            if (candidates.Take(i).FirstOrDefault(earlier => !earlier.Reference.SameFunctionAs(candidates[i].Reference)) is { } other)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.FunctionNameConflict,
                    $"FunctionName '{Written(candidates[i])}' names a different function than '{Written(other)}' ({Span(other)}); one group of files deploys one function.",
                    Span(candidates[i])));
                consistent = false;
            }
        }

        return consistent;
    }

    private static bool CheckQualifiers(IReadOnlyList<FunctionNameCandidate> candidates, List<Diagnostic> diagnostics)
    {
        var qualified = candidates.Where(c => c.Reference.Qualifier is not null).ToList();
        var consistent = true;
        foreach (var candidate in qualified.Skip(1).Where(c => c.Reference.Qualifier != qualified[0].Reference.Qualifier))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.QualifierConflict,
                $"FunctionName '{Written(candidate)}' has the qualifier '{candidate.Reference.Qualifier}', but '{Written(qualified[0])}' ({Span(qualified[0])}) has '{qualified[0].Reference.Qualifier}'; every source of a function is wired to one alias.",
                Span(candidate)));
            consistent = false;
        }

        return consistent;
    }

    private static string? OverridingAlias(DeclaredAlias? declared, DefinitionOptions options, SourceSpan groupSpan, List<Diagnostic> diagnostics, out bool valid)
    {
        valid = true;
        if (declared is not null)
        {
            return declared.Alias;
        }

        if (options.DefaultAlias is { } alias && !FunctionReference.IsValidQualifier(alias))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidAlias,
                $"The default alias '{alias}' is not an alias name ([a-zA-Z0-9-_], 1 to 128 characters), a version number or $LATEST.", groupSpan));
            valid = false;
        }

        return options.DefaultAlias;
    }

    private static string Written(FunctionNameCandidate candidate) =>
        candidate.Reference.Qualifier is { } q ? $"{candidate.Reference.Unqualified}:{q}" : candidate.Reference.Unqualified;

    private static SourceSpan Span(FunctionNameCandidate candidate) => new(candidate.File, candidate.Position.Line, candidate.Position.Column);
}
