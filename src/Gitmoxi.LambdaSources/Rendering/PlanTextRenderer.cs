namespace Gitmoxi.LambdaSources.Rendering;

/// <summary>The plan as plain text for the console and MSBuild, Terraform-style.</summary>
internal static class PlanTextRenderer
{
    public static string Render(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        foreach (var (function, heading) in PlacementGroups.Arrange(plan.Functions, f => f))
        {
            text.Append(PlacementGroups.TextHeading(heading));
            TextLayout.AppendFunctionHeader(text, function);
            foreach (var change in function.Changes)
            {
                TextLayout.AppendChangeLine(text, change).Append('\n');
                TextLayout.AppendFields(text, change.Fields);
                foreach (var note in change.Notes)
                {
                    TextLayout.AppendIndented(text, "        # ", note);
                }
            }

            foreach (var drift in function.Drift)
            {
                TextLayout.AppendDriftLine(text, drift).Append('\n');
                TextLayout.AppendFields(text, drift.Fields);
                TextLayout.AppendIndented(text, "        # ", drift.Reason);
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
