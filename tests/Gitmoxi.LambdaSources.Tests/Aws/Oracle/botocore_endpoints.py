"""Resolves endpoints with botocore, the reference the engine's endpoint resolution is tested against. No network.

stdin: a JSON list of {service, region, fips, dualstack, environment?, config?} (botocore service names; environment
holds AWS_* variables, config the text of a shared config file). stdout: a JSON list, one per input, of
  sent:    the endpoint botocore sends an operation to (endpoint rule set + partitions.json), or null if it refused,
  meta:    client.meta.endpoint_url (botocore's older endpoints.json bridge), or null if it refused,
  error:   botocore's error message when it refused to create the client, or null,
  ruleset: the service's endpoint rule set evaluated alone for region/fips/dualstack (what `sent` is made of; botocore
           refuses some ISO dual-stack clients on its older endpoints.json data before the rule set is consulted).
"""
import json
import os
import sys
import tempfile

import botocore.session
from botocore.config import Config
from botocore.endpoint_provider import EndpointProvider

# An operation per service and the path it appends to the endpoint.
OPERATIONS = {
    "lambda": ("list_event_source_mappings", "/2015-03-31/event-source-mappings"),
    "elbv2": ("describe_target_groups", "/"),
    "apigatewayv2": ("get_apis", "/v2/apis"),
    "sts": ("get_caller_identity", "/"),
    "s3": ("list_buckets", "/"),
    "scheduler": ("list_schedules", "/schedules"),
    "apigateway": ("get_rest_apis", "/restapis"),
    "sns": ("list_topics", "/"),
    "events": ("list_rules", "/"),
    "logs": ("describe_log_groups", "/"),
}


class Sent(Exception):
    pass


def flag(case, session, name, setting):
    value = case.get(name)
    return bool(session.get_config_variable(setting)) if value is None else value


def ruleset(case):
    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    provider = EndpointProvider(loader.load_service_model(case["service"], "endpoint-rule-set-1"), loader.load_data("partitions"))
    try:
        # botocore's S3 client sets UseGlobalEndpoint in us-east-1 (us_east_1_regional_endpoint defaults to legacy).
        extra = {"UseGlobalEndpoint": case["region"] == "us-east-1"} if case["service"] == "s3" else {}
        return provider.resolve_endpoint(
            Region=case["region"],
            UseFIPS=flag(case, session, "fips", "use_fips_endpoint"),
            UseDualStack=flag(case, session, "dualstack", "use_dualstack_endpoint"),
            **extra,
        ).url
    except Exception as error:
        return f"error: {error}"


def resolve(case):
    for name in [n for n in os.environ if n.startswith("AWS_")]:
        del os.environ[name]
    os.environ.update(case.get("environment") or {})
    with tempfile.NamedTemporaryFile("w", suffix=".config", delete=False) as config:
        config.write(case.get("config") or "")
    os.environ["AWS_CONFIG_FILE"] = config.name
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    try:
        kwargs = {}
        if case.get("fips") is not None or case.get("dualstack") is not None:
            kwargs["config"] = Config(use_fips_endpoint=case.get("fips"), use_dualstack_endpoint=case.get("dualstack"))
        client = botocore.session.get_session().create_client(
            case["service"], region_name=case["region"], aws_access_key_id="AKID", aws_secret_access_key="SECRET", **kwargs
        )
        sent = []

        def capture(request, **_):
            sent.append(request.url)
            raise Sent()

        client.meta.events.register("before-send", capture)
        operation, path = OPERATIONS[case["service"]]
        try:
            getattr(client, operation)()
        except Sent:
            pass
        url = sent[0].removesuffix(path)
        return {"sent": url, "meta": client.meta.endpoint_url, "error": None, "ruleset": ruleset(case)}
    except Exception as error:
        return {"sent": None, "meta": None, "error": f"{type(error).__name__}: {error}", "ruleset": ruleset(case)}
    finally:
        os.unlink(config.name)


json.dump([resolve(case) for case in json.load(sys.stdin)], sys.stdout)
