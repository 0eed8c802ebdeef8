#!/usr/bin/env bash
# What referencing Gitmoxi.LambdaSources.MSBuild costs a `dotnet publish` that does not deploy.
# Publishes examples/msbuild twice over: as it is (package referenced, GitmoxiDeploy unset) and with the
# PackageReference removed, alternating the two, and prints the median of each and their ratio.
# Usage: bench/msbuild/run.sh [runs per variant, default 9]
set -euo pipefail

runs="${1:-9}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/gitmoxi-bench-XXXXXX")"
trap 'rm -rf "$work"; rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/gitmoxi.lambdasources.msbuild/$version"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# A version no earlier run used, so the global package cache cannot serve a stale build.
version="0.0.0-bench-$(date +%s)"
dotnet pack "$repo/src/Gitmoxi.MSBuild" -c Release -o "$work/feed" -p:PackageVersion="$version" -nodeReuse:false >/dev/null

for variant in with without; do
  mkdir -p "$work/$variant"
  cp "$repo"/examples/msbuild/{Orders.csproj,Function.cs,aws-lambda-tools-defaults.json,_lambdaeventsourcedef.json,Directory.Build.props,Directory.Packages.props} "$work/$variant/"
  cat > "$work/$variant/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="bench" value="$work/feed" /></packageSources></configuration>
XML
done
sed -i "s/Include=\"Gitmoxi.LambdaSources.MSBuild\" Version=\"[^\"]*\"/Include=\"Gitmoxi.LambdaSources.MSBuild\" Version=\"$version\"/" "$work/with/Orders.csproj"
sed -i '/Gitmoxi.LambdaSources.MSBuild/d' "$work/without/Orders.csproj"

# One build server-free publish, as CI runs it: restore (a no-op after the first), build (up to date), publish.
publish() { (cd "$work/$1" && dotnet publish -nodeReuse:false --disable-build-servers >/dev/null); }
milliseconds() { local start end; start=$(date +%s%N); publish "$1"; end=$(date +%s%N); echo $(((end - start) / 1000000)); }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

publish with; publish without   # warm-up: first restore and compile
: > "$work/with.ms"; : > "$work/without.ms"
for ((i = 1; i <= runs; i++)); do
  milliseconds with >> "$work/with.ms"
  milliseconds without >> "$work/without.ms"
done

with=$(median < "$work/with.ms"); without=$(median < "$work/without.ms")
printf '%-40s %s\n' "runs per variant" "$runs"
printf '%-40s %s\n' "with package, GitmoxiDeploy unset (ms)" "$(paste -sd' ' "$work/with.ms")"
printf '%-40s %s\n' "without package (ms)" "$(paste -sd' ' "$work/without.ms")"
printf '%-40s %s ms vs %s ms, ratio %s\n' "median" "$with" "$without" "$(awk -v a="$with" -v b="$without" 'BEGIN { printf "%.3f", a / b }')"
