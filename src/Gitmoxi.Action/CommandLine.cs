using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action;

/// <summary>
/// Flags for local runs: <c>--name value</c> or <c>--name=value</c> with the inputs' own names; a boolean
/// flag given alone (<c>--prune</c>) means <c>true</c>. They override the <c>INPUT_*</c> variables.
/// </summary>
/// <param name="ValidateOnly"><c>--validate-only</c>: read and check the definition files, report, and make no AWS call.</param>
/// <param name="VersionRequested"><c>--version</c>: print the version and exit.</param>
public sealed record CommandLine(bool HelpRequested, IReadOnlyDictionary<string, string> Inputs, bool ValidateOnly = false, bool VersionRequested = false)
{
    private static readonly string[] BooleanInputs = ["prune", "wait", "comment-on-pr"];

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var validateOnly = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                return new CommandLine(true, inputs);
            }

            if (arg == "--version")
            {
                return new CommandLine(false, inputs, VersionRequested: true);
            }

            if (arg == "--validate-only")
            {
                validateOnly = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new GitmoxiException(DiagnosticCodes.InvalidProperty, $"Unexpected argument '{arg}'. Run with --help for usage.");
            }

            var (name, value) = arg.IndexOf('=', StringComparison.Ordinal) is var equals and > 0
                ? (arg[2..equals], arg[(equals + 1)..])
                : (arg[2..], null);
            if (!ActionSettings.InputNames.Contains(name))
            {
                throw new GitmoxiException(DiagnosticCodes.InvalidProperty, $"Unknown option '--{name}'. Run with --help for usage.");
            }

            if (value is null)
            {
                var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                value = hasValue ? args[++i]
                    : BooleanInputs.Contains(name) ? "true"
                    : throw new GitmoxiException(DiagnosticCodes.InvalidProperty, $"Option '--{name}' needs a value. Run with --help for usage.");
            }

            inputs[name] = value;
        }

        return new CommandLine(false, inputs, validateOnly);
    }

    public const string Usage =
        """
        Gitmoxi Lambda Sources: plans and applies AWS Lambda event sources from *_lambdaeventsourcedef.json files.

        Usage: gitmoxi-lambda-sources [options]

        Every option can also be given as the GitHub Action input of the same name (INPUT_<NAME>);
        an option on the command line wins.

          --path <path>                   File or directory to read definitions from, inside the workspace (default: .)
          --mode <plan|apply|auto>        auto: plan on pull_request* events, apply otherwise (default: auto)
          --function-name <name>          Function for definitions that do not name one
          --function-alias <alias>        Alias (qualifier) for definitions that do not name one
          --prune [true|false]            Delete sources this tool created that left the files (default: false)
          --wait [true|false]             Wait until changed sources settle (default: true)
          --wait-timeout <seconds>        How long to wait, 1-21600 (default: 300)
          --plan-file <path>              Where to save the plan as JSON, inside the workspace
          --aws-region <region>           AWS region (default: AWS_REGION, then AWS_DEFAULT_REGION)
          --role-to-assume <arn>          Role to assume with GitHub OIDC (default: the standard AWS credential chain)
          --audience <aud>                OIDC token audience (default: sts.amazonaws.com)
          --role-session-name <name>      Session name, 2-64 characters (default: GitHubActions)
          --role-duration-seconds <n>     Session length, 900-43200 (default: 3600)
          --scope <changed|all>           changed: plan only the function groups a pull request changes (default on
                                          pull_request* events; needs the git history), all: every group (default otherwise)
          --comment-on-pr [true|false]    On pull_request* events, post the plan as one pull-request comment (default: false)
          --github-token <token>          Token for that comment (the Action passes github.token)
          --repository <owner/name>       Owner identity of what is created (default: GITHUB_REPOSITORY)
          --account-roles <map>           ACCOUNT=ROLE_ARN entries (new lines or ';') for groups whose _lambdadepdef.json
                                          declares another account than the credentials' own (assumed with sts:AssumeRole)
          --rest-api-deploy-stages <list> Stage names (new lines or ',') deployed after apply on every REST API whose
                                          Lambda integrations the apply changed (default: none; deploy yourself)
          --validate-only                 Only read and check the definition files: no credentials, no AWS call
          --version                       Print the version and exit
          -h, --help                      Show this help

        The workspace is GITHUB_WORKSPACE, or the current directory when that is unset. Outside GitHub the job
        summary is printed to the console.
        """;
}
