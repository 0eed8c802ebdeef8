using System.Globalization;
using System.Text.Json.Nodes;

namespace Gitmoxi.TestSupport;

/// <summary>What the botocore oracle (<c>emulator/gitmoxi_emulator/oracle.py</c>) found since the last reset: how
/// many client requests it checked against botocore (operation, input shape, serialization, SigV4 signature), how
/// many deliberate probes it skipped (<see cref="Emulator.SendJsonAsync"/>, <see cref="Emulator.SendFormAsync"/>),
/// and every mismatch.</summary>
public sealed record OracleReport(int Checked, int Skipped, IReadOnlyList<OracleMismatch> Mismatches)
{
    /// <summary>One line per mismatch, for a failure message.</summary>
    public string Describe() =>
        string.Join('\n', Mismatches.Select(m => string.Create(CultureInfo.InvariantCulture, $"  {m.Operation}: {m.Reason}")));

    internal static OracleReport Parse(JsonObject json) =>
        new(
            (int)json["checked"]!,
            (int)json["skipped"]!,
            json["mismatches"]!.AsArray().Select(m => new OracleMismatch((string)m!["operation"]!, (string)m["reason"]!)).ToList());
}

/// <summary>A request botocore would not have sent so: <c>lambda:AddPermission</c>, "SigV4 signature … differs from botocore's …".</summary>
public sealed record OracleMismatch(string Operation, string Reason);
