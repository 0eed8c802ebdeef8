"""The WSGI application, the HTTP server and the command line."""

from __future__ import annotations

import argparse
import copy
import json
import math
import os
import socket
import struct
import sys
import threading
import time
from typing import Any, Callable
from urllib.parse import parse_qs

from moto.moto_api._internal.models import moto_api_backend
from moto.moto_server.werkzeug_app import create_backend_app, DomainDispatcherApplication
from werkzeug.serving import make_server, WSGIRequestHandler

from . import corrections
from .completion import ALL, STATUS, ResponseCompleter, completion_mode
from .oracle import REPORT_DIR_VARIABLE, OracleRecord
from .moto_backend import use_simple_lambda_backend
from .settings import DEFAULT_PROFILE_LATENCY_SECONDS, DEFAULT_REGION, INTERNAL_HEADER, REAL_AWS_PROFILE, Settings
from .operations import Caller, OperationNamer, RequestCounter, identify_caller, query_action
from .wire import AwsError, Call, Reply, error_reply, read_body, respond, send, signature_stub
from .seeding import Seeder
from .faults import DroppedByFault, Fault, FaultInjector, FaultPlan, RATE_LIMIT_KIND, server_error_reply, throttle_reply
from .rates import REAL_AWS_LIMITS, TokenBuckets


Response = tuple[int, Any]


class GitmoxiEmulator:
    def __init__(self, defaults: Settings | None = None) -> None:
        self.moto = DomainDispatcherApplication(create_backend_app)
        self.namer = OperationNamer()
        self.counter = RequestCounter()
        # What /_gitmoxi/reset restores: the launch options (--profile, --latency-ms), not the class defaults.
        self.defaults = defaults or Settings()
        self.settings = copy.copy(self.defaults)
        self.faults = FaultInjector()
        self.buckets = TokenBuckets(REAL_AWS_LIMITS)
        self.corrections = corrections.build(self.settings)
        self.seeder: Seeder | None = None
        # botocore checks every client request (oracle.py); the fixture's keys are known, moto's issued ones looked up.
        self.oracle = OracleRecord({"test": "test"}, os.environ.get(REPORT_DIR_VARIABLE))
        self.completer = ResponseCompleter()
        self.control: dict[tuple[str, str], Callable[[bytes], Response]] = {
            ("GET", "/_gitmoxi/requests"): lambda _: (200, {**self.counter.snapshot(), "faults": self.faults.snapshot()}),
            ("POST", "/_gitmoxi/requests/reset"): self._reset_counts,
            ("POST", "/_gitmoxi/reset"): self._reset,
            ("POST", "/_gitmoxi/config"): self._configure,
            ("GET", "/_gitmoxi/config"): lambda _: (200, self._config_json()),
            ("POST", "/_gitmoxi/seed"): self._seed,
            ("GET", "/_gitmoxi/oracle"): lambda _: (200, self.oracle.snapshot()),
            ("POST", "/_gitmoxi/oracle/credentials"): self._add_credentials,
        }

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        body = read_body(environ)
        path = environ.get("PATH_INFO", "/")
        if path.startswith("/_gitmoxi/"):
            handler = self.control.get((environ["REQUEST_METHOD"], path.rstrip("/")))
            status, payload = handler(body) if handler else (404, {"message": f"unknown control endpoint {path}"})
            return respond(start_response, status, payload)
        if path.startswith("/moto-api"):
            return self.moto(environ, start_response)
        caller = identify_caller(environ, query_action(environ, body))
        operation, params = self.namer.name(environ, body, caller)
        if environ.get("HTTP_" + INTERNAL_HEADER.upper().replace("-", "_")):
            return self._serve(environ, body, caller, operation, params, start_response)
        verdict = self.oracle.observe(environ, body)
        if self.settings.complete_responses and verdict.operation_model is not None:
            reply = self._capture(lambda respond_to: self._answer(environ, body, caller, operation, params, respond_to))
            completed = self.completer.complete(verdict.model, verdict.operation_model, verdict.protocol, reply, self.settings.complete_responses)
            return send(start_response, completed)
        return self._answer(environ, body, caller, operation, params, start_response)

    def _answer(self, environ: dict[str, Any], body: bytes, caller: Caller, operation: str, params: dict[str, str], start_response: Callable[..., Any]) -> Any:
        self.counter.record(operation)
        throttled = self._pace(operation, caller)
        if throttled is not None:
            return send(start_response, throttled)
        fault = self.faults.draw(operation)
        if fault is None:
            return self._serve(environ, body, caller, operation, params, start_response)
        serve = lambda: self._capture(lambda respond_to: self._serve(environ, body, caller, operation, params, respond_to))  # noqa: E731
        return send(start_response, self._inject(fault, caller.service, serve))

    def _pace(self, operation: str, caller: Caller) -> Reply | None:
        """The real-AWS profile: every call costs a round trip, then takes a token from its documented bucket."""
        if self.settings.profile != REAL_AWS_PROFILE:
            return None
        time.sleep(self.settings.profile_latency_seconds)
        wait = self.buckets.take(operation, caller)
        if wait is None:
            return None
        self.faults.record(RATE_LIMIT_KIND, operation)
        return throttle_reply(caller.service, max(1, math.ceil(wait)))

    @staticmethod
    def _inject(fault: Fault, service: str, serve: Callable[[], Reply]) -> Reply:
        """``after`` lets the request take effect and then loses its answer, as a response lost on the way
        back does on AWS: the case where blindly repeating a create duplicates it."""
        reply = serve() if fault.phase == "after" else None
        if fault.kind in ("latency", "timeout"):
            time.sleep(fault.delay_seconds)
        if fault.kind == "latency":
            return reply if reply is not None else serve()
        if fault.kind in ("connection-reset", "timeout"):
            raise DroppedByFault(fault.kind)
        if fault.kind == "throttle":
            return throttle_reply(service, fault.retry_after_seconds)
        return server_error_reply(service, 500 if fault.kind == "internal-error" else 503)

    def _serve(self, environ: dict[str, Any], body: bytes, caller: Caller, operation: str, params: dict[str, str], start_response: Callable[..., Any]) -> Any:
        call = Call(environ, operation, params, caller, parse_qs(environ.get("QUERY_STRING", "")), body, self._forward)
        for correction in self.corrections:
            correction.observe(call)
        for correction in self.corrections:
            if correction.handles(call):
                try:
                    reply = correction.serve(call)
                except AwsError as error:
                    reply = error_reply(error)
                return send(start_response, reply)
        return self.moto(environ, start_response)

    def _forward(self, environ: dict[str, Any]) -> Reply:
        """Runs moto and keeps its answer for a correction to reshape."""
        return self._capture(lambda start_response: self.moto(environ, start_response))

    @staticmethod
    def _capture(app: Callable[[Callable[..., Any]], Any]) -> Reply:
        started: list[Any] = []

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
            started.extend((status, headers))
            return lambda _: None

        chunks = app(start_response)
        try:
            body = b"".join(chunks)
        finally:
            getattr(chunks, "close", lambda: None)()
        return Reply(int(started[0].split(" ", 1)[0]), body, list(started[1]))

    def warm(self, services: list[str]) -> None:
        """Loads each service's moto module now rather than inside the first test's timeout."""
        from werkzeug.test import Client

        client = Client(self)
        probes = {
            "lambda": ("GET", "/2015-03-31/functions", None),
            "elasticloadbalancing": ("POST", "/", "Action=DescribeTargetGroups&Version=2015-12-01"),
            "apigateway": ("GET", "/v2/apis", None),
            "sts": ("POST", "/", "Action=GetCallerIdentity&Version=2011-06-15"),
        }
        for service in services:
            method, path, form = probes[service]
            headers = {"Authorization": signature_stub(service), INTERNAL_HEADER: "1"}
            if form:
                headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
            client.open(path, method=method, headers=headers, data=form)

    # -- control endpoints -----------------------------------------------------------------

    def _reset_counts(self, _: bytes) -> Response:
        self.counter.reset()
        self.faults.reset_counts()
        return 200, {"status": "ok"}

    def _reset(self, _: bytes) -> Response:
        moto_api_backend.reset()
        use_simple_lambda_backend()
        for correction in self.corrections:
            correction.reset()
        self.settings.restore(self.defaults)
        self.faults.configure(None)
        self.faults.reset_counts()
        self.buckets.reset()
        self.counter.reset()
        self.oracle.reset()
        return 200, {"status": "ok"}

    def _add_credentials(self, body: bytes) -> Response:
        """Keys a test signs with besides ``test``/``test`` (moto's issued ones are found without this)."""
        given = json.loads(body or b"{}")
        self.oracle.credentials[str(given["accessKeyId"])] = str(given["secretAccessKey"])
        return 200, {"status": "ok"}

    def _configure(self, body: bytes) -> Response:
        """Validates before changing anything, so a rejected update leaves the previous setup in place."""
        update = json.loads(body or b"{}")
        try:
            plan = FaultPlan.parse(update["faults"]) if update.get("faults") is not None else None
            profile = update.get("profile", self.settings.profile)
            if profile not in (None, REAL_AWS_PROFILE):
                raise ValueError(f"unknown profile {profile!r}; known: {REAL_AWS_PROFILE}")
            latency = max(0.0, float(update["latencyMs"]) / 1000) if "latencyMs" in update else self.settings.profile_latency_seconds
            completion = completion_mode(update["completeResponses"]) if "completeResponses" in update else self.settings.complete_responses
        except (TypeError, ValueError) as error:
            return 400, {"message": str(error)}
        if "corrections" in update:
            self.settings.corrections = bool(update["corrections"])
        self.settings.complete_responses = completion
        if "stateTransitionSeconds" in update:
            self.settings.transition_seconds = max(0.0, float(update["stateTransitionSeconds"]))
        if "permissionWriteRace" in update:
            self.settings.permission_write_race = bool(update["permissionWriteRace"])
        if "faults" in update:
            self.faults.configure(plan)
        if profile != self.settings.profile:
            self.buckets.reset()
        self.settings.profile, self.settings.profile_latency_seconds = profile, latency
        return 200, self._config_json()

    def _config_json(self) -> dict[str, Any]:
        return {
            "corrections": self.settings.corrections,
            "completeResponses": self.settings.complete_responses,
            "stateTransitionSeconds": self.settings.transition_seconds,
            "permissionWriteRace": self.settings.permission_write_race,
            "profile": self.settings.profile,
            "latencyMs": self.settings.profile_latency_seconds * 1000,
            "faults": self.faults.plan.to_json() if self.faults.plan else None,
        }

    def mapping_store(self) -> Any:
        """The event source mapping correction, which crowd seeding fills in-process."""
        from .esm import EsmService

        return next((c for c in self.corrections if isinstance(c, EsmService)), None)

    def _seed(self, body: bytes) -> Response:
        if self.seeder is None:
            return 503, {"message": "seeding needs the server's port; start through main()"}
        spec = json.loads(body or b"{}")
        try:
            return 200, self.seeder.seed(spec, spec.get("region", DEFAULT_REGION))
        except Exception as error:  # noqa: BLE001 - the test gets the reason instead of a hang
            return 500, {"message": f"{type(error).__name__}: {error}"}


class QuietHandler(WSGIRequestHandler):
    """No access log: the C# fixture keeps stderr for real errors."""

    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass

    def connection_dropped(self, error: BaseException, environ: dict[str, Any] | None = None) -> None:
        """An injected reset or timeout: close with SO_LINGER 0, so the client gets a TCP RST and no response."""
        if isinstance(error, DroppedByFault):
            self.close_connection = True
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()


def exit_when_parent_dies() -> None:
    """The fixture holds our stdin open; EOF means it is gone (crashed or killed), so are we."""

    def watch() -> None:
        while sys.stdin.buffer.read(4096):
            pass
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--watch-stdin", action="store_true", help="exit when stdin closes")
    parser.add_argument("--warm", default="", help="comma-separated signing names to load up front")
    parser.add_argument("--profile", choices=[REAL_AWS_PROFILE], help="real-aws: per-call latency and AWS's documented rate limits")
    parser.add_argument("--complete-responses", choices=[ALL, STATUS], help="answers with every output member (all) or the members no request sets (status); see completion.py")
    parser.add_argument("--latency-ms", type=float, default=DEFAULT_PROFILE_LATENCY_SECONDS * 1000, help="per-call latency of the real-aws profile")
    args = parser.parse_args(argv)
    if args.watch_stdin:
        exit_when_parent_dies()
    app = GitmoxiEmulator(Settings(profile=args.profile, profile_latency_seconds=max(0.0, args.latency_ms) / 1000, complete_responses=args.complete_responses))
    server = make_server("127.0.0.1", args.port, app, threaded=True, request_handler=QuietHandler)
    app.seeder = Seeder(server.server_port, app.mapping_store())
    app.warm([s for s in args.warm.split(",") if s])
    threading.Thread(target=app.seeder.prepare, name="seeder-prepare", daemon=True).start()
    print(f"GITMOXI_EMULATOR_READY port={server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
