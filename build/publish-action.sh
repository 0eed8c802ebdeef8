#!/usr/bin/env bash
# The one publish command of the Action: the Dockerfile runs it in its build stage, .ci/run runs it before the
# end-to-end tests, and the release runs it for every command-line binary, so CI tests exactly what ships.
#
# Usage: build/publish-action.sh [output-dir] [rid]      (defaults: artifacts/action, this machine's platform)
#   rid: linux-x64 | linux-arm64 | osx-arm64 | win-x64, or a Docker TARGETARCH (amd64 | arm64) for linux.
# Extra MSBuild properties can follow in GITMOXI_PUBLISH_PROPERTIES (e.g. -p:MinVerVersionOverride=1.2.3 where
# there is no git history to take the version from).
#
# Restores in locked mode: the Action's RuntimeIdentifiers put every published platform's graph in
# packages.lock.json, except osx-arm64 (see Gitmoxi.Action.csproj), which is restored unlocked with a warning.
# Native AOT compiles for another architecture of the same OS when the cross toolchain is installed (the
# Dockerfile installs it); it never compiles for another OS.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/action}"
rid="${2:-}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
project=src/Gitmoxi.Action/Gitmoxi.Action.csproj

if [ -z "$rid" ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) rid=linux-x64 ;;
    Linux-aarch64 | Linux-arm64) rid=linux-arm64 ;;
    Darwin-arm64) rid=osx-arm64 ;;
    MINGW*-x86_64 | MSYS*-x86_64 | CYGWIN*-x86_64) rid=win-x64 ;;
    *) echo "publish-action: no default platform for $(uname -s)-$(uname -m); pass a RID" >&2; exit 2 ;;
  esac
fi
case "$rid" in
  amd64) rid=linux-x64 ;;
  arm64) rid=linux-arm64 ;;
esac
case "$rid" in
  linux-x64 | linux-arm64 | osx-arm64 | win-x64) ;;
  *) echo "publish-action: unsupported platform '$rid' (linux-x64, linux-arm64, osx-arm64, win-x64)" >&2; exit 2 ;;
esac

if grep -q "\"net10.0/$rid\"" src/Gitmoxi.Action/packages.lock.json; then
  dotnet restore "$project" --locked-mode
else
  echo "publish-action: warning: $rid is not in the lock file; restoring it unlocked" >&2
  dotnet restore "$project" -r "$rid" -p:RestoreLockedMode=false
fi
# shellcheck disable=SC2086 # GITMOXI_PUBLISH_PROPERTIES is a list of -p: arguments
dotnet publish "$project" -c Release -r "$rid" --no-restore -o "$out" ${GITMOXI_PUBLISH_PROPERTIES:-}
echo "Published $out/Gitmoxi.Action$([ "$rid" = win-x64 ] && echo .exe) ($rid)"
