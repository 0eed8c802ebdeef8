#!/usr/bin/env bash
# Start-to-exit time of the Action for a validation-only run over examples/repository/ (--validate-only: definitions are
# read and checked, no credentials, no AWS call): the Native AOT binary against the same code through `dotnet`
# (JIT). Several runs each, alternating, after one warm-up of each; prints every time and the medians.
#
# Usage: bench/action-startup/run.sh [runs]        (default 15)
# Publishes with build/publish-action.sh unless GITMOXI_ACTION_BINARY names an AOT binary already built.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-15}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work="$(mktemp -d "${TMPDIR:-/tmp}/gitmoxi-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

aot="${GITMOXI_ACTION_BINARY:-}"
if [ -z "$aot" ]; then
  "$root/build/publish-action.sh" "$work/aot" >/dev/null
  aot="$work/aot/Gitmoxi.Action"
fi
dotnet build "$root/src/Gitmoxi.Action/Gitmoxi.Action.csproj" -c Release -o "$work/jit" -nologo -v quiet -clp:ErrorsOnly >/dev/null
jit_dll="$work/jit/Gitmoxi.Action.dll"

# A local run (no GITHUB_* variables), from the repository root, as a developer would validate.
run_once() {
  local start end
  start=$(date +%s%N)
  (cd "$root" && env -u GITHUB_ACTIONS -u GITHUB_OUTPUT -u GITHUB_STEP_SUMMARY -u GITHUB_WORKSPACE "$@" --validate-only --path examples/repository >/dev/null)
  end=$(date +%s%N)
  echo $(((end - start) / 1000))
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

run_once "$aot" >/dev/null
run_once dotnet "$jit_dll" >/dev/null
: >"$work/aot.txt"
: >"$work/jit.txt"
for _ in $(seq 1 "$runs"); do
  run_once "$aot" >>"$work/aot.txt"
  run_once dotnet "$jit_dll" >>"$work/jit.txt"
done

aot_median=$(median <"$work/aot.txt")
jit_median=$(median <"$work/jit.txt")
printf 'runs: %s each (after one warm-up), microseconds start to exit\n' "$runs"
printf '%-14s %s\n' "AOT:" "$(tr '\n' ' ' <"$work/aot.txt")"
printf '%-14s %s\n' "dotnet (JIT):" "$(tr '\n' ' ' <"$work/jit.txt")"
printf '\n| | median start-to-exit |\n|---|---|\n'
printf '| Native AOT binary | %d ms |\n' $((aot_median / 1000))
printf '| dotnet Gitmoxi.Action.dll (JIT) | %d ms |\n' $((jit_median / 1000))
awk -v a="$aot_median" -v j="$jit_median" 'BEGIN { printf "\nJIT / AOT: %.1fx\n", j / a }'
