"""Gitmoxi test emulator: moto's server app, corrected where it departs from documented AWS behaviour.

Runs moto 5.2.1's WSGI app on 127.0.0.1 behind a middleware (``server.GitmoxiEmulator``) that
  * checks every client request against botocore — operation, input shape, serialization, SigV4 signature
    (``oracle``) — and, with ``completeResponses``, answers with every output member of the model (``completion``),
  * counts requests per operation (``service:Operation``) and classifies them as reads or writes (``operations``),
  * serves the corrected APIs itself, one module each: Lambda event source mappings (``esm``), Lambda
    permissions (``permissions``), ELBv2 Lambda target groups (``elb``), API Gateway V2 HTTP APIs (``apigw``),
    each correction citing the AWS documentation it follows (README.md next to this project lists them),
  * injects seeded faults (``faults``) and, with the real-AWS profile, latency and AWS's documented rate
    limits (``rates``),
  * serves control endpoints under ``/_gitmoxi/`` (unsigned): requests, reset, config, seed (``seeding``).

To correct another API: add a module with a ``Correction`` subclass (``corrections.py``) and list its
factory in ``corrections.CORRECTIONS``; add its tests under ``tests/``.

Usage: ``python3 gitmoxi_emulator.py [--port 0] [--watch-stdin] [--warm lambda,sts] [--profile real-aws [--latency-ms 50]]``
(or ``python3 -m gitmoxi_emulator`` from the ``emulator`` folder). The launcher binds the port itself (0 = any
free one) and prints ``GITMOXI_EMULATOR_READY port=NNNNN`` on stdout once the socket listens.
Exit code 3 means moto is not importable.
"""

from . import moto_backend  # noqa: F401  (selects moto's Docker-less Lambda backend before anything else loads)
