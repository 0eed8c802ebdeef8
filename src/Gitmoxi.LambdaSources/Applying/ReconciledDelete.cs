namespace Gitmoxi.LambdaSources.Applying;

/// <summary>
/// Runs a removal whose answer may be lost (a 5xx, a dropped connection, a timeout after the write may have landed).
/// Removing twice is harmless, so the outcome is read instead of failing the change: gone is done, still there is
/// sent once more, the counterpart of <see cref="ReconciledCreate"/> for removals.
/// </summary>
internal static class ReconciledDelete
{
    /// <param name="remove">Sends the removal; treats "not there" as done itself.</param>
    /// <param name="present">Reads whether what <paramref name="remove"/> removes is still there.</param>
    public static async Task RunAsync(string what, Func<Task> remove, Func<Task<bool>> present)
    {
        try
        {
            await remove();
            return;
        }
        catch (AwsOutcomeUnknownException)
        {
            if (!await present())
            {
                return;
            }
        }

        try
        {
            await remove();
        }
        catch (AwsOutcomeUnknownException e)
        {
            if (await present())
            {
                var last = e.InnerException is AwsException aws ? aws.Describe() : e.InnerException?.Message ?? e.Message;
                throw new GitmoxiException(
                    DiagnosticCodes.ChangeFailed, $"{what} got no clear answer twice and the live state shows it did not take effect (last: {last})", e);
            }
        }
    }
}
