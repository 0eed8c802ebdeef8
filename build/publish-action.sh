#!/usr/bin/env bash
# The one publish command of the Action: the Dockerfile runs it in its build stage and .ci/run runs it before
# the end-to-end tests, so CI tests exactly the binary the image ships.
#
# Usage: build/publish-action.sh [output-dir]      (default: artifacts/action)
# Restores in locked mode (the lock files pin the linux-x64 graph too), then publishes Native AOT.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/action}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet restore src/Gitmoxi.Action/Gitmoxi.Action.csproj -r linux-x64 --locked-mode
dotnet publish src/Gitmoxi.Action/Gitmoxi.Action.csproj -c Release -r linux-x64 --no-restore -o "$out"
echo "Published $out/Gitmoxi.Action"
