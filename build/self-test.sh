#!/usr/bin/env bash
# The action self-test of .github/workflows/self-test.yml, run here: the workflow's own steps, in order, against
# the AWS emulator, with the Action binary in place of `uses: ./` (build/self_test.py run-workflow).
# The action is reached through the TCP relay on 127.0.0.2 (loopback), as the workflow's container reaches it
# through the relay on Docker's bridge.
# Usage: build/self-test.sh [binary]      (default: artifacts/action/Gitmoxi.Action, from build/publish-action.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-artifacts/action/Gitmoxi.Action}"
[ -x "$binary" ] || { echo "self-test: no Action binary at $binary (run build/publish-action.sh)" >&2; exit 1; }
SELF_TEST_RELAY_HOST=127.0.0.2 exec python3 build/self_test.py run-workflow --binary "$binary"
