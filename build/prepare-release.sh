#!/usr/bin/env bash
# Prepares a release commit: action.yml's runs.image names the image the release workflow will build from that very
# commit, so the tag vX.Y.Z, its action.yml and its image always agree, and no workflow ever rewrites a tag.
#
#   build/prepare-release.sh 1.2.3          rewrite action.yml, commit "Release 1.2.3", tag v1.2.3 (annotated)
#   git push origin HEAD v1.2.3             then .github/workflows/release.yml builds and publishes everything
#   build/prepare-release.sh --check 1.2.3  what release.yml runs first: fail unless action.yml names :1.2.3
set -euo pipefail
cd "$(dirname "$0")/.."
image=ghcr.io/gitmoxi/lambda-sources
check=false
if [ "${1:-}" = "--check" ]; then check=true; shift; fi
version="${1:?usage: build/prepare-release.sh [--check] X.Y.Z}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "prepare-release: '$version' is not X.Y.Z" >&2; exit 2; }
line="  image: docker://$image:$version"

if $check; then
  grep -qxF "$line" action.yml || {
    echo "prepare-release: action.yml does not name $image:$version; found: $(grep -m1 '^  image:' action.yml)" >&2
    echo "prepare-release: tag releases with build/prepare-release.sh $version" >&2
    exit 1
  }
  echo "action.yml names $image:$version"
  exit 0
fi

[ -z "$(git status --porcelain)" ] || { echo "prepare-release: commit or stash your changes first" >&2; exit 1; }
git rev-parse -q --verify "refs/tags/v$version" >/dev/null && { echo "prepare-release: tag v$version exists" >&2; exit 1; }
sed -i.bak -E "s|^  image: docker://$image:[0-9]+\.[0-9]+\.[0-9]+$|$line|" action.yml && rm -f action.yml.bak
grep -qxF "$line" action.yml || { echo "prepare-release: action.yml has no runs.image line for $image" >&2; exit 1; }
git add action.yml
git diff --cached --quiet || git commit -q -m "Release $version: action.yml runs $image:$version"
git tag -a "v$version" -m "Gitmoxi Lambda Sources $version"
echo "Tagged v$version at $(git rev-parse --short HEAD). Push both: git push origin HEAD v$version"
