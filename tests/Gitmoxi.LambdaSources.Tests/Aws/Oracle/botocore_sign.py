"""Signs requests with botocore's SigV4Auth, the reference the engine's signer is tested against.

stdin: a JSON list of {method, url, headers, body, region, service, access_key, secret_key, token, timestamp}
(timestamp as YYYYMMDDTHHMMSSZ). stdout: a JSON list of {authorization, canonical_request}, one per input.
"""
import datetime
import json
import sys

import botocore.auth
from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def sign(case):
    moment = datetime.datetime.strptime(case["timestamp"], "%Y%m%dT%H%M%SZ")
    # botocore stamps requests with the current time; pin it to the engine's clock.
    botocore.auth.get_current_datetime = lambda: moment
    request = AWSRequest(
        method=case["method"], url=case["url"], data=case["body"].encode("utf-8"), headers=case["headers"]
    )
    # S3 signs with its own rules: the path encoded once, the payload hash as x-amz-content-sha256.
    auth = (S3SigV4Auth if case["service"] == "s3" else SigV4Auth)(
        Credentials(case["access_key"], case["secret_key"], case.get("token")), case["service"], case["region"]
    )
    auth.add_auth(request)
    authorization = request.headers["Authorization"]
    # The canonical request as signed, i.e. without the Authorization header add_auth has just added.
    del request.headers["Authorization"]
    return {"authorization": authorization, "canonical_request": auth.canonical_request(request)}


json.dump([sign(case) for case in json.load(sys.stdin)], sys.stdout)
