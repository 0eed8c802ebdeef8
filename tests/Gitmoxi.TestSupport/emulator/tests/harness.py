"""One in-process launcher for the launcher's own tests, reset before each test.

moto keeps its backends per process, so every test module shares one server (started on the first test that
needs it, on a port the server binds itself) and ``EmulatorTestCase.setUp`` resets it, like the C# fixture.
Requests go over HTTP with a well-formed, unverified SigV4 header, as the C# tests' ``SendJsonAsync``, marked
``x-gitmoxi-unchecked`` so the botocore oracle (``oracle.py``) skips these deliberate probes.
"""

from __future__ import annotations

import functools
import http.client
import json
import threading
import unittest
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from werkzeug.serving import make_server

from gitmoxi_emulator.oracle import UNCHECKED_HEADER
from gitmoxi_emulator.seeding import Seeder
from gitmoxi_emulator.server import GitmoxiEmulator, QuietHandler
from gitmoxi_emulator.wire import signature_stub

ACCOUNT = "123456789012"
REGION = "us-east-1"
MAPPINGS = "/2015-03-31/event-source-mappings/"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    @property
    def error_type(self) -> str | None:
        """``X-Amzn-ErrorType`` (REST-JSON) or ``<Error><Code>`` (Query protocol)."""
        if "x-amzn-errortype" in self.headers:
            return self.headers["x-amzn-errortype"].split(":")[0]
        values = self.xml_values("Code")
        return values[0] if values and self.status >= 400 else None

    def xml_values(self, tag: str) -> list[str]:
        if not self.body.lstrip().startswith(b"<"):
            return []
        return [e.text or "" for e in ET.fromstring(self.body).iter() if e.tag.rsplit("}", 1)[-1] == tag]


@dataclass(frozen=True)
class Running:
    app: GitmoxiEmulator
    port: int


@functools.cache
def running() -> Running:
    app = GitmoxiEmulator()
    # These tests provoke oracle mismatches on purpose; they must not count into the CI total ($GITMOXI_ORACLE_DIR).
    app.oracle.report_path = None
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    app.seeder = Seeder(server.server_port, app.mapping_store())
    threading.Thread(target=server.serve_forever, name="emulator", daemon=True).start()
    return Running(app, server.server_port)


class EmulatorTestCase(unittest.TestCase):
    """Reset before each test, state transitions settled on the next call (``Instant`` in C#)."""

    def setUp(self) -> None:
        self.control("POST", "reset")
        self.configure(stateTransitionSeconds=0)

    # -- control endpoints ------------------------------------------------------------------

    def control(self, method: str, path: str, body: Any = None) -> Any:
        answer = self.send(method, f"/_gitmoxi/{path}", None if body is None else json.dumps(body).encode(), {"Content-Type": "application/json"})
        self.assertLess(answer.status, 300, answer.body)
        return answer.json()

    def configure(self, **settings: Any) -> Any:
        return self.control("POST", "config", settings)

    def seed(self, world: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.control("POST", "seed", world or {})

    def counts(self) -> dict[str, Any]:
        return self.control("GET", "requests")

    # -- AWS requests -----------------------------------------------------------------------

    def rest(self, service: str, method: str, path: str, body: Any = None, query: dict[str, str] | None = None, account: str | None = None) -> Answer:
        headers = {"Authorization": signature_stub(service), "Content-Type": "application/json", UNCHECKED_HEADER: "probe"}
        if account:
            headers["x-moto-account-id"] = account
        target = path + ("?" + urlencode(query) if query else "")
        return self.send(method, target, None if body is None else json.dumps(body).encode(), headers)

    def query(self, service: str, action: str, **params: str) -> Answer:
        version = {"elasticloadbalancing": "2015-12-01", "sts": "2011-06-15"}[service]
        form = urlencode({"Action": action, "Version": version, **params}).encode()
        headers = {"Authorization": signature_stub(service), "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", UNCHECKED_HEADER: "probe"}
        return self.send("POST", "/", form, headers)

    def send(self, method: str, target: str, body: bytes | None, headers: dict[str, str]) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", running().port, timeout=60)
        try:
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            connection.close()

    def assertError(self, answer: Answer, status: int, error_type: str) -> None:  # noqa: N802 - unittest style
        self.assertEqual((status, error_type), (answer.status, answer.error_type), answer.body)

    # -- shortcuts --------------------------------------------------------------------------

    def create_mapping(self, **request: Any) -> Answer:
        return self.rest("lambda", "POST", MAPPINGS, request)

    def list_mappings(self, **query: str) -> Answer:
        return self.rest("lambda", "GET", MAPPINGS, query=query)
