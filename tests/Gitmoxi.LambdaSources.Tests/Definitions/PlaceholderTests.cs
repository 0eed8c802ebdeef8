namespace Gitmoxi.LambdaSources.Tests.Definitions;

[TestClass]
public sealed class PlaceholderTests
{
    private const string File = "orders/orders_lambdaeventsourcedef.json";

    [TestMethod]
    public async Task Whole_string_placeholders_take_the_input_type_and_partial_ones_are_replaced_as_text()
    {
        using var tree = new TempTree()
            .Write(File, """
                {"PullEventSources": {"EventSourceMapping": {
                  "EventSourceArn": "arn:aws:sqs:{{ region }}:{{account}}:orders",
                  "BatchSize": "{{ batch }}",
                  "MaximumBatchingWindowInSeconds": "{{window}}",
                  "Enabled": "{{ enabled }}",
                  "Tags": {"stage": "{{ stage }}-{{ batch }}-{{ enabled }}"}
                }}}
                """)
            .Write("orders/orders_lambdainput.json", """
                {"region": "eu-west-1", "account": "123456789012", "batch": 20, "window": 1, "enabled": false, "stage": "prod"}
                """)
            .Write("orders/orders_lambdadef.json", """{"FunctionName": "orders-{{ stage }}", "Runtime": "dotnet8"}""");

        var set = await tree.ReadAsync();

        Assert.AreEqual(string.Empty, DiagnosticText.Codes(set));
        var function = set.Functions.Single();
        Assert.AreEqual("orders-prod", function.FunctionName);
        Assert.AreEqual(
            """{"EventSourceArn":"arn:aws:sqs:eu-west-1:123456789012:orders","BatchSize":20,"MaximumBatchingWindowInSeconds":1,"Enabled":false,"Tags":{"stage":"prod-20-false"}}""",
            function.EventSourceMappings.Single().Members.ToJsonString());
    }

    [TestMethod]
    public async Task Substituted_values_are_validated_at_the_placeholder_position()
    {
        using var tree = new TempTree()
            .Write(File, """
                {"PullEventSources": {"EventSourceMapping": {
                  "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:orders",
                  "BatchSize": "{{ batch }}"
                }}}
                """)
            .Write("orders/orders_lambdainput.json", """{"batch": 0}""");

        var set = await tree.ReadAsync(defaultFunctionName: "orders");

        Assert.AreEqual($"{File}(3,16): error GMX2004", DiagnosticText.Codes(set));
    }

    [TestMethod]
    public async Task Missing_values_name_the_file_line_column_and_placeholder_in_every_file_of_the_group()
    {
        using var tree = new TempTree()
            .Write(File, """
                {"PushEventSources": [{"Service": "apigateway.amazonaws.com", "ApiId": "{{ api }}", "RouteId": "r1"}]}
                """)
            .Write("orders/orders_lambdadef.json", """{"FunctionName": "{{ name }}"}""")
            .Write("orders/orders_lambdadepdef.json", """{"alias": "x-{{ alias }}"}""");

        var set = await tree.ReadAsync();

        Assert.AreEqual(
            """
            orders/orders_lambdadef.json(1,19): error GMX1020
            orders/orders_lambdadepdef.json(1,14): error GMX1020
            orders/orders_lambdaeventsourcedef.json(1,73): error GMX1020
            """,
            DiagnosticText.Codes(set));
        Assert.AreEqual(
            "The placeholder '{{ api }}' in orders/orders_lambdaeventsourcedef.json at line 1, column 73 has no value in the input file (_lambdainput.json).",
            set.Diagnostics[2].Message);
    }

    [TestMethod]
    [DataRow("{{ }}", 1)]
    [DataRow("a{{ name", 2)]
    [DataRow("{{ bad name }}", 1)]
    [DataRow("x{{{ name }}}", 2)]
    public async Task Malformed_placeholders_are_errors_at_their_opening_braces(string value, int offset)
    {
        using var tree = new TempTree()
            .Write(File, $$"""{"PushEventSources": [{"Service": "elasticloadbalancing.amazonaws.com", "TargetGroupArn": "{{value}}"}]}""")
            .Write("orders/orders_lambdainput.json", """{"name": "n"}""");

        var set = await tree.ReadAsync(defaultFunctionName: "orders");

        Assert.AreEqual($"{File}(1,{91 + offset}): error GMX1021", DiagnosticText.Codes(set));
    }

    [TestMethod]
    public async Task Input_values_must_be_scalars()
    {
        using var tree = new TempTree()
            .Write(File, """{"PushEventSources": []}""")
            .Write("orders/orders_lambdainput.json", """{"a": [1], "b": null, "c": "ok"}""");

        var set = await tree.ReadAsync(defaultFunctionName: "orders");

        Assert.AreEqual(
            """
            orders/orders_lambdainput.json(1,7): error GMX1022
            orders/orders_lambdainput.json(1,17): error GMX1022
            """,
            DiagnosticText.Codes(set));
    }
}
