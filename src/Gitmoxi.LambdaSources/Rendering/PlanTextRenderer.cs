using System.Text;
using Gitmoxi.LambdaSources.Planning;

namespace Gitmoxi.LambdaSources.Rendering;

/// <summary>The plan as plain text for the console and MSBuild, Terraform-style.</summary>
public static class PlanTextRenderer
{
    public static string Render(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        foreach (var function in plan.Functions)
        {
            TextLayout.AppendFunctionHeader(text, function);
            foreach (var change in function.Changes)
            {
                TextLayout.AppendChangeLine(text, change).Append('\n');
                foreach (var field in change.Fields)
                {
                    text.Append("        ").Append(field.Field).Append(": ").Append(field.Before ?? "(absent)")
                        .Append(" → ").Append(field.After ?? "(absent)")
                        .Append(field.AfterIsDefault ? " (default)" : "")
                        .Append(field.ForcesReplacement ? " (forces replacement)" : "")
                        .Append('\n');
                }

                foreach (var note in change.Notes)
                {
                    TextLayout.AppendIndented(text, "        # ", note);
                }
            }

            text.Append('\n');
        }

        TextLayout.AppendDiagnostics(text, plan.Diagnostics);
        if (plan.HasErrors)
        {
            text.Append("The plan has errors; nothing can be applied.\n");
        }

        return text.Append("Plan: ").Append(ChangeActionText.Totals(plan.Totals)).Append('\n').ToString();
    }
}
