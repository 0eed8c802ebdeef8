using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Tests.Rendering;

namespace Gitmoxi.LambdaSources.Tests.Planning;

[TestClass]
public sealed class PlanJsonTests
{
    [TestMethod]
    public void Plan_json_is_versioned_camel_case_with_enum_names_and_round_trips_to_the_same_text()
    {
        var json = PlanJson.Serialize(SamplePlans.Plan);

        Assert.AreEqual(
            """
            {
              "formatVersion": 2,
              "functions": [
                {
                  "functionName": "orders",
                  "qualifier": "live",
                  "functionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders:live",
                  "definitionFile": "orders/orders_lambdaeventsourcedef.json",
                  "changes": [
                    {
                      "action": "Replace",
                      "kind": "EventSourceMapping",
                      "address": "event-source-mapping dynamodb:orders",
                      "liveId": "u-table",
                      "operation": {
                        "op": "replaceMapping",
                        "uuid": "u-table",
                        "functionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders:live",
                        "request": {
                          "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:orders:live",
                          "StartingPosition": "TRIM_HORIZON"
                        }
                      },
                      "fields": [
                        {
                          "field": "StartingPosition",
                          "before": "\"LATEST\"",
                          "after": "\"TRIM_HORIZON\"",
                          "forcesReplacement": true,
                          "afterIsDefault": false
                        }
                      ],
                      "notes": [
                        "StartingPosition cannot change in place: the mapping is deleted, then created again"
                      ],
                      "span": {
                        "file": "orders/orders_lambdaeventsourcedef.json",
                        "line": 15,
                        "column": 5
                      }
                    },
                    {
                      "action": "Update",
                      "kind": "EventSourceMapping",
                      "address": "event-source-mapping kinesis:orders-stream",
                      "liveId": "u-stream",
                      "operation": {
                        "op": "updateMapping",
                        "uuid": "u-stream",
                        "mappingArn": "arn:aws:lambda:us-east-1:123456789012:event-source-mapping:u-stream",
                        "update": {
                          "BatchSize": 50,
                          "FilterCriteria": {}
                        },
                        "tags": {
                          "set": {},
                          "remove": []
                        }
                      },
                      "fields": [
                        {
                          "field": "BatchSize",
                          "before": "100",
                          "after": "50",
                          "forcesReplacement": false,
                          "afterIsDefault": false
                        },
                        {
                          "field": "FilterCriteria",
                          "before": "{\"Filters\":[{\"Pattern\":\"{\\\"body\\\":\\\"<script>alert(1)</script> | `x` *y*\\\"}\"}]}",
                          "after": "{}",
                          "forcesReplacement": false,
                          "afterIsDefault": true
                        }
                      ],
                      "notes": [
                        "adopted: this mapping was not created by gitmoxi; it now gets the ownership tags"
                      ],
                      "span": {
                        "file": "orders/orders_lambdaeventsourcedef.json",
                        "line": 9,
                        "column": 5
                      }
                    },
                    {
                      "action": "Create",
                      "kind": "EventSourceMapping",
                      "address": "event-source-mapping sqs:orders-queue",
                      "liveId": null,
                      "operation": {
                        "op": "createMapping",
                        "functionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders:live",
                        "request": {
                          "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:orders:live",
                          "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:orders-queue",
                          "BatchSize": 10,
                          "Tags": {
                            "gitmoxi:managed-by": "gitmoxi-lambda-sources"
                          }
                        }
                      },
                      "fields": [
                        {
                          "field": "EventSourceArn",
                          "before": null,
                          "after": "\"arn:aws:sqs:us-east-1:123456789012:orders-queue\"",
                          "forcesReplacement": false,
                          "afterIsDefault": false
                        },
                        {
                          "field": "BatchSize",
                          "before": null,
                          "after": "10",
                          "forcesReplacement": false,
                          "afterIsDefault": false
                        },
                        {
                          "field": "Tags.gitmoxi:managed-by",
                          "before": null,
                          "after": "\"gitmoxi-lambda-sources\"",
                          "forcesReplacement": false,
                          "afterIsDefault": false
                        }
                      ],
                      "notes": [],
                      "span": {
                        "file": "orders/orders_lambdaeventsourcedef.json",
                        "line": 3,
                        "column": 5
                      }
                    }
                  ],
                  "drift": [
                    {
                      "kind": "EventSourceMapping",
                      "address": "event-source-mapping sqs:legacy",
                      "liveId": "u-legacy",
                      "reason": "not created by gitmoxi; never removed",
                      "fields": []
                    }
                  ],
                  "liveFingerprint": "orders-live-state",
                  "region": "us-east-1",
                  "account": null
                },
                {
                  "functionName": "billing",
                  "qualifier": null,
                  "functionArn": "arn:aws:lambda:us-east-1:123456789012:function:billing",
                  "definitionFile": "billing/_lambdaeventsourcedef.json",
                  "changes": [
                    {
                      "action": "Delete",
                      "kind": "EventSourceMapping",
                      "address": "event-source-mapping sqs:old-invoices",
                      "liveId": "u-old",
                      "operation": {
                        "op": "deleteMapping",
                        "uuid": "u-old"
                      },
                      "fields": [],
                      "notes": [
                        "created by gitmoxi and no longer declared; prune is on"
                      ],
                      "span": null
                    },
                    {
                      "action": "NoOp",
                      "kind": "EventSourceMapping",
                      "address": "event-source-mapping sqs:invoices",
                      "liveId": "u-invoices",
                      "operation": null,
                      "fields": [],
                      "notes": [],
                      "span": {
                        "file": "billing/_lambdaeventsourcedef.json",
                        "line": 3,
                        "column": 5
                      }
                    }
                  ],
                  "drift": [],
                  "liveFingerprint": "billing-live-state",
                  "region": "us-east-1",
                  "account": "123456789012"
                }
              ],
              "diagnostics": [
                {
                  "code": "GMX1102",
                  "severity": "Warning",
                  "message": "AlaisStageVariableName is a misspelling of AliasStageVariableName.",
                  "span": {
                    "file": "orders/orders_lambdaeventsourcedef.json",
                    "line": 8,
                    "column": 7
                  }
                }
              ]
            }
            """,
            json);
        Assert.AreEqual(json, PlanJson.Serialize(PlanJson.DeserializePlan(json)));
    }

    [TestMethod]
    public void Deserialize_refuses_another_format_version_with_a_clear_message()
    {
        var json = PlanJson.Serialize(SamplePlans.Plan).Replace("\"formatVersion\": 2", "\"formatVersion\": 3", StringComparison.Ordinal);

        var error = Assert.ThrowsExactly<GitmoxiException>(() => PlanJson.DeserializePlan(json));

        Assert.AreEqual(
            "The plan file has formatVersion 3; this version of the tool reads formatVersion 2. Plan again with this version.",
            error.Message);
    }

    [TestMethod]
    public void Deserialize_refuses_a_plan_of_the_previous_format_with_its_json_object_requests()
    {
        // A change as version 1 wrote it: the request as an untyped "desired" object, drift as a change.
        const string V1 = """
            {"formatVersion": 1, "functions": [{"functionName": "orders", "qualifier": "live",
              "functionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders:live", "definitionFile": "orders/orders_lambdaeventsourcedef.json",
              "changes": [{"action": "Drift", "kind": "Permission", "address": "permission live/gitmoxi-elb-0123456789abcdef", "liveId": null,
                "desired": {"Register": "x"}, "fields": [], "notes": [], "span": null}]}], "diagnostics": []}
            """;

        var error = Assert.ThrowsExactly<GitmoxiException>(() => PlanJson.DeserializePlan(V1));

        Assert.AreEqual("The plan file has formatVersion 1; this version of the tool reads formatVersion 2. Plan again with this version.", error.Message);
    }

    [TestMethod]
    public void Apply_identity_ignores_display_data_and_follows_operations_and_live_state()
    {
        var plan = SamplePlans.Plan;
        var orders = plan.Functions[0];
        var reworded = plan with
        {
            Functions = [orders with { Changes = [.. orders.Changes.Select(c => c with { Notes = ["said otherwise"], Address = c.Address + " (renamed)" })], Drift = [] }, plan.Functions[1]],
        };
        var moved = plan with { Functions = [orders with { LiveFingerprint = "another-live-state" }, plan.Functions[1]] };
        var otherOperation = plan with
        {
            Functions = [orders with { Changes = [orders.Changes[0] with { Operation = new Providers.EventSourceMapping.DeleteMapping("u-table") }, .. orders.Changes.Skip(1)] }, plan.Functions[1]],
        };

        Assert.AreEqual(PlanJson.ApplyIdentity(plan), PlanJson.ApplyIdentity(reworded));
        Assert.AreNotEqual(PlanJson.ApplyIdentity(plan), PlanJson.ApplyIdentity(moved));
        Assert.AreNotEqual(PlanJson.ApplyIdentity(plan), PlanJson.ApplyIdentity(otherOperation));
    }

    [TestMethod]
    public void Deserialize_refuses_json_without_a_format_version_or_that_is_not_json()
    {
        Assert.AreEqual(
            "The plan file has no formatVersion; it was not written by this tool.",
            Assert.ThrowsExactly<GitmoxiException>(() => PlanJson.DeserializePlan("{\"functions\":[]}")).Message);
        StringAssert.StartsWith(
            Assert.ThrowsExactly<GitmoxiException>(() => PlanJson.DeserializePlan("{ not json")).Message,
            "The plan file is not valid: ");
    }
}
