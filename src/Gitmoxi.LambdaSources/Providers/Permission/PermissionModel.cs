namespace Gitmoxi.LambdaSources.Providers.Permission;

/// <summary>One statement of a function's resource policy, reduced to what a push-source permission consists of.</summary>
/// <param name="OtherConditions">Conditions besides <c>ArnLike AWS:SourceArn</c>, as canonical JSON; null when there are none.</param>
internal sealed record LiveStatement(string Sid, string? Effect, string? Principal, string? Action, string? SourceArn, string? OtherConditions)
{
    /// <summary>The <see cref="OtherConditions"/> of a statement added with <c>SourceAccount</c>: <c>StringEquals AWS:SourceAccount</c>.</summary>
    public static string? SourceAccountCondition(string? account) => account is null
        ? null
        : CanonicalJson.ForComparison(new JsonObject { ["StringEquals"] = new JsonObject { ["AWS:SourceAccount"] = account } });
}

/// <summary>A statement a declared source needs on one qualifier's policy, as a wiring provider declares it.</summary>
/// <param name="QualifierKey">See <see cref="Planning.PushSources.QualifierKey"/>.</param>
/// <param name="LegacySid">The id the previous version gave this source's statement: found, it is migrated to <see cref="Sid"/>.</param>
/// <param name="SourceAccount">The account that owns the source (S3: the bucket's), as <c>AddPermission</c>'s <c>SourceAccount</c>; null for none.</param>
internal sealed record PermissionRequirement(
    string QualifierKey, string Sid, string? LegacySid, string Principal, string SourceArn, SourceSpan Span, string? SourceAccount = null);

/// <summary>A statement this repository wrote (its id carries this repository's hash), on one qualifier's policy.</summary>
internal sealed record OwnedStatement(string QualifierKey, LiveStatement Statement, StatementIdParts Id);
