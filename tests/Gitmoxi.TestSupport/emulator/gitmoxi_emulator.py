#!/usr/bin/env python3
"""The launcher's entry point, kept at this path for its callers (Emulator.cs, demo.sh, bench/):
``python3 gitmoxi_emulator.py [--port 0] [--watch-stdin] [--warm lambda,sts] [--profile real-aws [--latency-ms 50]]``.

The code lives in the package ``gitmoxi_emulator/`` beside this file (a package wins over this module of the
same name on import); see its docstring.
"""

from gitmoxi_emulator.server import main

if __name__ == "__main__":
    main()
