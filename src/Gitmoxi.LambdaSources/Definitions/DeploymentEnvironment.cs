using Gitmoxi.LambdaSources.Definitions.Json;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>
/// Where a group deploys: <c>environment.region</c> and <c>environment.account</c> of its <c>_lambdadepdef.json</c>,
/// each with where it was written (the account check names that place). Absent members are null: the run's Region,
/// and no account check.
/// </summary>
internal sealed record DeploymentEnvironment(string? Region, SourceSpan? RegionSpan, string? Account, SourceSpan? AccountSpan)
{
    // Region names of every partition: us-east-1, us-gov-west-1, cn-north-1, us-isob-east-1, eu-isoe-west-1, eusc-de-east-1.
    private static readonly StructureShape Shape = new([
        new MemberSpec("region", new StringShape(1, 50, "[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}")),
        new MemberSpec("account", new StringShape(12, 12, "[0-9]{12}")),
    ]);

    /// <summary>Reads <c>environment</c> of a deployment definition; null when it is absent or invalid (reported).</summary>
    public static DeploymentEnvironment? Read(SourceObject depDef, string file, List<Diagnostic> diagnostics)
    {
        if (depDef.Find("environment") is not { Value: var node })
        {
            return null;
        }

        var context = new ValidationContext(file, diagnostics);
        if (!ShapeValidator.ValidateStructure(node, Shape, "environment", context) || node is not SourceObject environment)
        {
            return null;
        }

        var region = environment.Find("region")?.Value as SourceString;
        var account = environment.Find("account")?.Value as SourceString;
        return new DeploymentEnvironment(
            region?.Value, region is null ? null : context.Span(region.Position),
            account?.Value, account is null ? null : context.Span(account.Position));
    }

    /// <summary>A function named by ARN lives where its ARN says: an environment naming another Region or account contradicts it.</summary>
    public void CheckAgainst(FunctionReference function, List<Diagnostic> diagnostics)
    {
        if (Region is not null && function.Region is { } arnRegion && arnRegion != Region)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.EnvironmentContradictsFunction,
                $"environment.region is {Region}, but the function {function.Unqualified} is in {arnRegion}.", RegionSpan));
        }

        if (Account is not null && function.Account is { } arnAccount && arnAccount != Account)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.EnvironmentContradictsFunction,
                $"environment.account is {Account}, but the function {function.Unqualified} is in the account {arnAccount}.", AccountSpan));
        }
    }
}
