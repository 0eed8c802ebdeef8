using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Aws;

namespace Gitmoxi.LambdaSources.Tests.Aws;

/// <summary>Every client's endpoint, resolved by the engine, against botocore's resolver for the same settings.</summary>
[TestClass]
public sealed class AwsEndpointConfigurationTests
{
    /// <summary>One region per partition: commercial, China, GovCloud, ISO, ISOB, ISOE, ISOF and the EU sovereign cloud.</summary>
    private static readonly string[] Regions =
        ["us-east-1", "cn-north-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1"];

    private static readonly (bool Fips, bool DualStack)[] Variants = [(false, false), (true, false), (false, true), (true, true)];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Regional_endpoints_of_every_partition_and_variant_equal_botocores()
    {
        var cases = (
            from region in Regions
            from variant in Variants
            from service in AwsService.All
            select (Region: region, variant.Fips, variant.DualStack, Service: service)).ToList();
        var input = new JsonArray([.. cases.Select(c => new JsonObject
        {
            ["service"] = BotocoreName(c.Service),
            ["region"] = c.Region,
            ["fips"] = c.Fips,
            ["dualstack"] = c.DualStack,
        })]);

        var reference = (JsonArray)await Botocore.RunAsync("botocore_endpoints.py", input, TestContext.CancellationToken);

        var mismatches = new List<string>();
        var sentChecked = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var (region, fips, dualStack, service) = cases[i];
            var ours = Resolved(() => new AwsEndpointConfiguration { UseFips = fips, UseDualStack = dualStack }.Resolve(service, region));
            var label = $"{service.Name} {region} fips={fips} dualstack={dualStack}";
            var ruleset = (string?)reference[i]!["ruleset"];
            if (ruleset != ours && !(ruleset == "error: Partition does not support FIPS" && ours == Refused))
            {
                mismatches.Add($"{label}: ours {ours}, botocore's rule set {reference[i]!["ruleset"]}");
            }

            // Where botocore builds the client, the URL it actually sends to must be ours too.
            if ((string?)reference[i]!["sent"] is { } sent)
            {
                sentChecked++;
                if (sent != ours)
                {
                    mismatches.Add($"{label}: ours {ours}, botocore sent to {sent}");
                }
            }
        }

        Assert.AreEqual(string.Empty, string.Join('\n', mismatches));
        // botocore's older endpoints.json refuses a few ISO dual-stack clients; all other cases were also sent.
        Assert.IsGreaterThan(110, sentChecked, $"only {sentChecked} of {cases.Count} cases were checked against a request botocore sent");
    }

    [TestMethod]
    public async Task Configured_endpoints_and_flags_are_read_as_botocore_reads_them()
    {
        const string Profiles = """
            [default]
            region = us-east-1
            endpoint_url = http://profile.local
            services = local

            [profile fips]
            use_fips_endpoint = true
            use_dualstack_endpoint = TRUE

            [profile ignoring]
            endpoint_url = http://profile.local
            ignore_configured_endpoint_urls = true

            # A comment, then a services section with nested settings.
            [services local]
            lambda =
              endpoint_url = http://lambda.section.local
            sts =
              endpoint_url = http://sts.section.local:4566/base
            """;
        (string Name, string Region, Dictionary<string, string> Environment, string Config)[] cases =
        [
            ("service variable beats general variable", "us-east-1",
                new() { ["AWS_ENDPOINT_URL_LAMBDA"] = "http://lambda.env.local", ["AWS_ENDPOINT_URL"] = "http://general.env.local:5000/" }, ""),
            ("general variable beats services section and profile endpoint_url", "us-east-1",
                new() { ["AWS_ENDPOINT_URL"] = "http://general.env.local" }, Profiles),
            ("services section beats profile endpoint_url", "us-east-1", [], Profiles),
            ("service variable beats services section", "us-east-1",
                new() { ["AWS_ENDPOINT_URL_STS"] = "http://sts.env.local", ["AWS_ENDPOINT_URL_APIGATEWAYV2"] = "http://apigw.env.local" }, Profiles),
            ("profile endpoint_url alone", "us-east-1", new() { ["AWS_PROFILE"] = "ignoring-not" }, "[profile ignoring-not]\nendpoint_url = https://all.local/prefix\n"),
            ("ignore variable drops every configured URL", "us-east-1",
                new() { ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true", ["AWS_ENDPOINT_URL_LAMBDA"] = "http://lambda.env.local" }, Profiles),
            ("ignore setting in the profile", "us-east-1", new() { ["AWS_PROFILE"] = "ignoring" }, Profiles),
            ("FIPS and dual-stack from the profile, in GovCloud", "us-gov-west-1", new() { ["AWS_PROFILE"] = "fips" }, Profiles),
            ("FIPS variable beats the profile", "us-gov-west-1", new() { ["AWS_PROFILE"] = "fips", ["AWS_USE_FIPS_ENDPOINT"] = "false" }, Profiles),
            ("FIPS variable in China", "cn-north-1", new() { ["AWS_USE_FIPS_ENDPOINT"] = "true" }, ""),
            ("dual-stack variable in ISOF", "us-isof-south-1", new() { ["AWS_USE_DUALSTACK_ENDPOINT"] = "true" }, ""),
            ("a configured URL wins over FIPS", "us-east-1",
                new() { ["AWS_USE_FIPS_ENDPOINT"] = "true", ["AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2"] = "http://elb.env.local" }, ""),
        ];
        var directory = Directory.CreateTempSubdirectory("gitmoxi-endpoints-");
        try
        {
            var input = new JsonArray();
            var ours = new List<(string Label, string Url)>();
            foreach (var (name, region, environment, config) in cases)
            {
                foreach (var service in AwsService.All)
                {
                    input.Add(new JsonObject
                    {
                        ["service"] = BotocoreName(service),
                        ["region"] = region,
                        ["environment"] = new JsonObject([.. environment.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
                        ["config"] = config,
                    });
                    var file = Path.Combine(directory.FullName, $"config-{input.Count}");
                    await File.WriteAllTextAsync(file, config, TestContext.CancellationToken);
                    var resolved = Resolved(() => AwsEndpointConfiguration.FromEnvironment(new Dictionary<string, string>(environment) { ["AWS_CONFIG_FILE"] = file })
                        .Resolve(service, region));
                    ours.Add(($"{name}: {service.Name}", resolved));
                }
            }

            var reference = (JsonArray)await Botocore.RunAsync("botocore_endpoints.py", input, TestContext.CancellationToken);

            // Where botocore's older endpoints.json refuses an ISO dual-stack client, its rule set is the reference.
            string Botocores(JsonNode result) => (string?)result["sent"]
                ?? ((string)result["error"]!).StartsWith("EndpointVariantError", StringComparison.Ordinal) switch
                {
                    true => (string)result["ruleset"]!,
                    false => (string)result["error"]!,
                };
            var expected = string.Join('\n', ours.Select((o, i) => $"{o.Label} -> {Botocores(reference[i]!)}"));
            Assert.AreEqual(expected, string.Join('\n', ours.Select(o => $"{o.Label} -> {o.Url}")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void Flag_that_is_neither_true_nor_false_is_a_configuration_error_naming_it()
    {
        var error = Assert.ThrowsExactly<AwsConfigurationException>(
            () => AwsEndpointConfiguration.FromEnvironment(new Dictionary<string, string> { ["AWS_USE_FIPS_ENDPOINT"] = "yes", ["AWS_CONFIG_FILE"] = "/nonexistent" }));

        Assert.AreEqual("AWS_USE_FIPS_ENDPOINT must be true or false, got 'yes'.", error.Message);
    }

    [TestMethod]
    public void Malformed_profile_endpoint_is_a_configuration_error_naming_its_place()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "[profile p]\nservices = s\n[services s]\nlambda =\n  endpoint_url = localhost:5151\n");
            var error = Assert.ThrowsExactly<AwsConfigurationException>(
                () => AwsEndpointConfiguration.FromEnvironment(new Dictionary<string, string> { ["AWS_CONFIG_FILE"] = file }, "p"));

            Assert.AreEqual("endpoint_url of lambda in the services section of profile 'p' must be an absolute http or https URL without query, got 'localhost:5151'.", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>What botocore says when a rule set refuses FIPS in a partition (S3 in aws-cn); ours refuses it too.</summary>
    private const string Refused = "EndpointResolutionError: Partition does not support FIPS";

    private static string Resolved(Func<Uri> resolve)
    {
        try
        {
            return resolve().AbsoluteUri.TrimEnd('/');
        }
        catch (AwsConfigurationException e) when (e.Message.Contains("has no FIPS endpoints", StringComparison.Ordinal))
        {
            return Refused;
        }
    }

    private static string BotocoreName(AwsService service) => service.EndpointEnvironmentKey switch
    {
        "LAMBDA" => "lambda",
        "ELASTIC_LOAD_BALANCING_V2" => "elbv2",
        "APIGATEWAYV2" => "apigatewayv2",
        "STS" => "sts",
        "S3" => "s3",
        "SCHEDULER" => "scheduler",
        "API_GATEWAY" => "apigateway",
        "SNS" => "sns",
        "EVENTBRIDGE" => "events",
        "CLOUDWATCH_LOGS" => "logs",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service.Name, "No botocore name known."),
    };
}
