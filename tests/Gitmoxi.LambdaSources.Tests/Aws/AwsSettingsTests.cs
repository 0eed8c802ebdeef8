using Amazon.Runtime;
using Gitmoxi.LambdaSources.Aws;

namespace Gitmoxi.LambdaSources.Tests.Aws;

[TestClass]
public sealed class AwsSettingsTests
{
    private static readonly BasicAWSCredentials Credentials = new("AKIA", "secret");

    private static string s_credentialsFile = string.Empty;

    [ClassInitialize]
    public static void WriteProfiles(TestContext context)
    {
        var directory = Directory.CreateTempSubdirectory("gitmoxi-aws-settings-").FullName;
        s_credentialsFile = Path.Combine(directory, "credentials");
        File.WriteAllText(
            s_credentialsFile,
            """
            [gitmoxi-test-west]
            aws_access_key_id = AKIAPROFILE
            aws_secret_access_key = profile-secret
            region = eu-west-3

            [gitmoxi-test-noregion]
            aws_access_key_id = AKIANOREGION
            aws_secret_access_key = profile-secret
            """);
    }

    [ClassCleanup]
    public static void DeleteProfiles() => Directory.Delete(Path.GetDirectoryName(s_credentialsFile)!, recursive: true);

    [TestMethod]
    public void Region_precedence_is_explicit_then_AWS_REGION_then_AWS_DEFAULT_REGION_then_profile()
    {
        var full = Environment(("AWS_REGION", "us-west-2"), ("AWS_DEFAULT_REGION", "eu-central-1"));
        var noRegion = Environment(("AWS_DEFAULT_REGION", "eu-central-1"));

        var regions = string.Join(
            ' ',
            AwsSettings.FromEnvironment(full, "ap-south-1", "gitmoxi-test-west").Region,
            AwsSettings.FromEnvironment(full, null, "gitmoxi-test-west").Region,
            AwsSettings.FromEnvironment(noRegion, null, "gitmoxi-test-west").Region,
            AwsSettings.FromEnvironment(Environment(), null, "gitmoxi-test-west").Region);

        Assert.AreEqual("ap-south-1 us-west-2 eu-central-1 eu-west-3", regions);
    }

    [TestMethod]
    public void Named_profile_supplies_the_credentials()
    {
        var settings = AwsSettings.FromEnvironment(Environment(), null, "gitmoxi-test-west");

        Assert.AreEqual("AKIAPROFILE", settings.Credentials.GetCredentials().AccessKey);
    }

    [TestMethod]
    public void Missing_region_is_a_configuration_error_naming_the_sources()
    {
        var error = Assert.ThrowsExactly<AwsConfigurationException>(
            () => AwsSettings.FromEnvironment(Environment(), null, "gitmoxi-test-noregion"));

        Assert.AreEqual(
            "No AWS region is set: pass a region, set AWS_REGION or AWS_DEFAULT_REGION, or set 'region' in the AWS profile 'gitmoxi-test-noregion'.",
            error.Message);
    }

    [TestMethod]
    public void Unknown_profile_is_a_configuration_error()
    {
        var error = Assert.ThrowsExactly<AwsConfigurationException>(
            () => AwsSettings.FromEnvironment(Environment(), "us-east-1", "gitmoxi-test-absent"));

        Assert.AreEqual("The AWS profile 'gitmoxi-test-absent' was not found in the shared config or credentials file.", error.Message);
    }

    [TestMethod]
    public void Service_endpoint_beats_the_general_endpoint_which_beats_the_regional_default()
    {
        var settings = AwsSettings.FromCredentials(
            Environment(("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:5151"), ("AWS_ENDPOINT_URL", "http://localhost:4566")),
            "us-east-1",
            Credentials);
        var defaults = AwsSettings.FromCredentials(Environment(), "us-east-1", Credentials);

        Assert.AreEqual(
            "http://127.0.0.1:5151/ http://localhost:4566/ https://sts.us-east-1.amazonaws.com/",
            string.Join(' ', settings.GetEndpoint(AwsService.Lambda), settings.GetEndpoint(AwsService.ElasticLoadBalancingV2), defaults.GetEndpoint(AwsService.Sts)));
    }

    [TestMethod]
    public void Every_service_has_its_own_endpoint_variable()
    {
        var settings = AwsSettings.FromCredentials(
            Environment(
                ("AWS_ENDPOINT_URL_LAMBDA", "http://lambda.local"),
                ("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", "http://elb.local"),
                ("AWS_ENDPOINT_URL_APIGATEWAYV2", "http://apigw.local"),
                ("AWS_ENDPOINT_URL_STS", "http://sts.local"),
                ("AWS_ENDPOINT_URL_S3", "http://s3.local"),
                ("AWS_ENDPOINT_URL_SCHEDULER", "http://scheduler.local"),
                ("AWS_ENDPOINT_URL_API_GATEWAY", "http://restapi.local"),
                ("AWS_ENDPOINT_URL_SNS", "http://sns.local"),
                ("AWS_ENDPOINT_URL_EVENTBRIDGE", "http://events.local"),
                ("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://logs.local")),
            "us-east-1",
            Credentials);

        Assert.AreEqual(
            "http://lambda.local/ http://elb.local/ http://apigw.local/ http://sts.local/ http://s3.local/ http://scheduler.local/ http://restapi.local/ http://sns.local/ http://events.local/ http://logs.local/",
            string.Join(' ', AwsService.All.Select(settings.GetEndpoint)));
    }

    [TestMethod]
    public void Regional_defaults_follow_the_partition()
    {
        var global = AwsSettings.FromCredentials(Environment(), "eu-west-1", Credentials);
        var china = AwsSettings.FromCredentials(Environment(), "cn-north-1", Credentials);

        Assert.AreEqual(
            "https://lambda.eu-west-1.amazonaws.com/ https://apigateway.eu-west-1.amazonaws.com/ https://lambda.cn-north-1.amazonaws.com.cn/",
            string.Join(' ', global.GetEndpoint(AwsService.Lambda), global.GetEndpoint(AwsService.ApiGatewayV2), china.GetEndpoint(AwsService.Lambda)));
    }

    [TestMethod]
    public void Configured_endpoints_can_be_ignored()
    {
        var settings = AwsSettings.FromCredentials(
            Environment(("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:5151"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")),
            "us-east-1",
            Credentials);

        Assert.AreEqual("https://lambda.us-east-1.amazonaws.com/", settings.GetEndpoint(AwsService.Lambda).ToString());
    }

    [TestMethod]
    public void Malformed_endpoint_is_a_configuration_error_naming_the_variable()
    {
        var error = Assert.ThrowsExactly<AwsConfigurationException>(
            () => AwsSettings.FromCredentials(Environment(("AWS_ENDPOINT_URL_STS", "localhost:5151")), "us-east-1", Credentials));

        Assert.AreEqual("AWS_ENDPOINT_URL_STS must be an absolute http or https URL without query, got 'localhost:5151'.", error.Message);
    }

    [TestMethod]
    public void Region_that_is_not_a_dns_label_is_refused()
    {
        Assert.ThrowsExactly<AwsConfigurationException>(() => new AwsSettings("us-east-1.evil.com/", Credentials));
    }

    private static Dictionary<string, string> Environment(params (string Name, string Value)[] variables)
    {
        var environment = variables.ToDictionary(v => v.Name, v => v.Value);
        environment["AWS_SHARED_CREDENTIALS_FILE"] = s_credentialsFile;
        return environment;
    }
}
