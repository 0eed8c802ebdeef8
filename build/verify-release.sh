#!/usr/bin/env bash
# What a release produces, checked on a throwaway repository: the working tree's files are committed into a fresh
# git repository with the GitHub remote and tagged v$version (CI clones may have no tags, or be shallow), then
#   1. `dotnet pack` of Gitmoxi.LambdaSources.MSBuild must yield version $version, the package README, the MIT
#      licence expression, and SourceLink's repository url + commit in the nuspec;
#   2. the Action published by build/publish-action.sh (Native AOT) must print $version for --version.
# Usage: build/verify-release.sh [version]      (default 0.42.7)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="${1:-0.42.7}"
repository_url=https://github.com/gitmoxi/lambda-sources.git
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CI=true

work="$(mktemp -d "${TMPDIR:-/tmp}/gitmoxi-release.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() { echo "verify-release: $*" >&2; exit 1; }

echo "== A tagged repository of the working tree in $work/repo"
mkdir "$work/repo"
(cd "$root" && git ls-files -z --cached --others --exclude-standard) \
  | (cd "$root" && xargs -0 cp --parents -t "$work/repo" 2>/dev/null || true)
cd "$work/repo"
git init -q -b main
git add -A
git -c user.name=release-check -c user.email=release-check@localhost commit -q -m "release check"
git remote add origin "$repository_url"
git -c user.name=release-check -c user.email=release-check@localhost tag -a "v$version" -m "v$version"
commit="$(git rev-parse HEAD)"

echo "== dotnet pack Gitmoxi.LambdaSources.MSBuild"
dotnet pack src/Gitmoxi.MSBuild/Gitmoxi.MSBuild.csproj -c Release -o "$work/packages" -nologo -clp:ErrorsOnly >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log"; fail "dotnet pack failed"; }
package="$work/packages/Gitmoxi.LambdaSources.MSBuild.$version.nupkg"
[ -f "$package" ] || { ls "$work/packages"; fail "no package for version $version: the version did not come from the tag"; }

python3 - "$package" "$version" "$repository_url" "$commit" <<'PY'
import sys, zipfile, xml.etree.ElementTree as ET
package, version, url, commit = sys.argv[1:]
with zipfile.ZipFile(package) as z:
    names = z.namelist()
    nuspec = ET.fromstring(z.read(next(n for n in names if n.endswith(".nuspec"))))
    readme = z.read("README.md").decode() if "README.md" in names else None
ns = {"n": nuspec.tag.split("}")[0].strip("{")}
meta = nuspec.find("n:metadata", ns)
def text(name):
    element = meta.find(f"n:{name}", ns)
    return None if element is None else element.text
repository = meta.find("n:repository", ns)
license = meta.find("n:license", ns)
checks = [
    ("version", text("version") == version, text("version")),
    ("readme element", text("readme") == "README.md", text("readme")),
    ("README.md in the package", readme is not None and readme.startswith("# Gitmoxi.LambdaSources.MSBuild"), "missing" if readme is None else readme[:40]),
    ("licence expression", license is not None and license.get("type") == "expression" and license.text == "MIT", None if license is None else license.attrib | {"text": license.text}),
    ("repository url", repository is not None and repository.get("url") == url, None if repository is None else repository.attrib),
    ("repository commit", repository is not None and repository.get("commit") == commit, None if repository is None else repository.get("commit")),
]
failed = [f"{name}: got {got!r}" for name, ok, got in checks if not ok]
for name, ok, _ in checks:
    print(f"{'ok  ' if ok else 'FAIL'} {name}")
if failed:
    sys.exit("verify-release: the package is wrong:\n  " + "\n  ".join(failed))
PY

echo "== build/publish-action.sh, then --version"
build/publish-action.sh "$work/action" >"$work/publish.log" 2>&1 || { cat "$work/publish.log"; fail "publish failed"; }
printed="$("$work/action/Gitmoxi.Action" --version)"
[ "$printed" = "$version" ] || fail "the Action binary prints '$printed' for --version, the tag says $version"
echo "ok   Gitmoxi.Action --version prints $printed"
echo "verify-release: package and binary both carry $version from tag v$version (commit $commit)"
