using System.Net;
using System.Text;
using Gitmoxi.LambdaSources.Aws;

namespace Gitmoxi.LambdaSources.Tests.Aws;

[TestClass]
public sealed class AwsErrorParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void Code_comes_from_the_error_type_header_without_its_suffix()
    {
        var error = Parse(
            HttpStatusCode.NotFound,
            """{"Type":"User","message":"Function not found: arn:aws:lambda:us-east-1:123456789012:function:nofn"}""",
            ("X-Amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.awslambda/"),
            ("x-amzn-RequestId", "req-1"));

        Assert.AreEqual(
            new AwsErrorDetails("ResourceNotFoundException", "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nofn", HttpStatusCode.NotFound, "req-1"),
            error);
    }

    [TestMethod]
    public void Code_comes_from_type_member_without_its_namespace()
    {
        var error = Parse(
            HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.lambda#InvalidParameterValueException","Message":"bad"}""",
            ("x-amz-request-id", "req-2"));

        Assert.AreEqual(new AwsErrorDetails("InvalidParameterValueException", "bad", HttpStatusCode.BadRequest, "req-2"), error);
    }

    [TestMethod]
    public void Code_member_is_the_last_json_resort()
    {
        var error = Parse(HttpStatusCode.Conflict, """{"code":"ConflictException","message":"Alias already exists"}""");

        Assert.AreEqual(new AwsErrorDetails("ConflictException", "Alias already exists", HttpStatusCode.Conflict, null), error);
    }

    [TestMethod]
    public void Moto_event_source_mapping_not_found_answer_is_understood()
    {
        // moto_probe.md §1.2: lower-case header, text/html content type, {"Type","Message"} body.
        var error = Parse(
            HttpStatusCode.NotFound,
            """{"Type": "User", "Message": "The resource you requested does not exist."}""",
            ("x-amzn-errortype", "ResourceNotFoundException"),
            ("x-amzn-requestid", "moto-1"));

        Assert.AreEqual(
            new AwsErrorDetails("ResourceNotFoundException", "The resource you requested does not exist.", HttpStatusCode.NotFound, "moto-1"),
            error);
    }

    [TestMethod]
    public void Query_protocol_xml_error_gives_code_message_and_request_id()
    {
        var error = Parse(
            HttpStatusCode.BadRequest,
            """<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><Error><Type>Sender</Type><Code>TargetGroupNotFound</Code><Message>One or more target groups not found</Message></Error><RequestId>elb-1</RequestId></ErrorResponse>""");

        Assert.AreEqual(
            new AwsErrorDetails("TargetGroupNotFound", "One or more target groups not found", HttpStatusCode.BadRequest, "elb-1"),
            error);
    }

    [TestMethod]
    public void Xml_error_without_namespace_is_understood()
    {
        var error = Parse(
            HttpStatusCode.BadRequest,
            "<ErrorResponse><Error><Code>ValidationError</Code><Message>too long</Message></Error><RequestId>sts-1</RequestId></ErrorResponse>");

        Assert.AreEqual(new AwsErrorDetails("ValidationError", "too long", HttpStatusCode.BadRequest, "sts-1"), error);
    }

    [TestMethod]
    public void Html_error_page_gets_a_status_code_and_none_of_its_text()
    {
        var error = Parse(
            HttpStatusCode.InternalServerError,
            "<!doctype html>\n<html lang=en><title>500 Internal Server Error</title><p>Traceback secret-looking text</p>");

        Assert.AreEqual(
            new AwsErrorDetails("Http500", "HTTP 500 InternalServerError without an AWS error message.", HttpStatusCode.InternalServerError, null),
            error);
    }

    [TestMethod]
    public void Retry_after_comes_from_the_header_in_seconds()
    {
        var error = Parse((HttpStatusCode)429, """{"message":"Rate exceeded"}""", ("Retry-After", "7"));

        Assert.AreEqual(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.AreEqual("Http429", error.Code);
    }

    [TestMethod]
    public void Retry_after_header_may_be_a_date()
    {
        var error = Parse((HttpStatusCode)429, string.Empty, ("Retry-After", "Thu, 01 Jan 2026 00:00:05 GMT"));

        Assert.AreEqual(TimeSpan.FromSeconds(5), error.RetryAfter);
    }

    [TestMethod]
    public void Retry_after_comes_from_the_body_member_as_string_or_number()
    {
        var fromString = Parse((HttpStatusCode)429, """{"__type":"TooManyRequestsException","retryAfterSeconds":"3","Reason":"CallerRateLimitExceeded"}""");
        var fromNumber = Parse((HttpStatusCode)429, """{"__type":"TooManyRequestsException","retryAfterSeconds":1.5}""");

        Assert.AreEqual(TimeSpan.FromSeconds(3), fromString.RetryAfter);
        Assert.AreEqual(TimeSpan.FromSeconds(1.5), fromNumber.RetryAfter);
    }

    private static AwsErrorDetails Parse(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage(status);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return AwsErrorParser.Parse(status, response.Headers, Encoding.UTF8.GetBytes(body), Now);
    }
}
