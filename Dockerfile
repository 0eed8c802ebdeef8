# syntax=docker/dockerfile:1
# The GitHub Action image: a Native AOT binary on the chiseled runtime-deps base (no shell, no SDK).
# Multi-platform (linux/amd64, linux/arm64) by cross-compiling: the build stage always runs on the build machine's
# own architecture ($BUILDPLATFORM) and Native AOT targets $TARGETARCH with a cross linker, as the .NET docs describe
# (https://learn.microsoft.com/dotnet/core/deploying/native-aot/cross-compile#linux). The final stage only copies,
# so no emulation runs anywhere.
#   docker buildx build --platform linux/amd64,linux/arm64 --build-arg VERSION=1.2.3 .

# The SDK image made for Native AOT: clang, llvm and zlib already in.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble-aot AS build
ARG TARGETARCH
ARG BUILDARCH
# A release passes its version: the build context has no .git for MinVer to read the tag from.
ARG VERSION=""

# For the other architecture: its C runtime and zlib (multiarch) and a linker that targets it.
RUN if [ "$TARGETARCH" != "$BUILDARCH" ]; then \
      case "$TARGETARCH" in \
        arm64) triple=aarch64-linux-gnu; mirror=http://ports.ubuntu.com/ubuntu-ports/ ;; \
        amd64) triple=x86-64-linux-gnu; mirror=http://archive.ubuntu.com/ubuntu/ ;; \
        *) echo "unsupported TARGETARCH $TARGETARCH" >&2; exit 1 ;; \
      esac \
      && sed -i "/^Signed-By/a Architectures: $BUILDARCH" /etc/apt/sources.list.d/ubuntu.sources \
      && printf 'Types: deb\nURIs: %s\nSuites: noble noble-updates noble-security\nComponents: main restricted\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\nArchitectures: %s\n' \
           "$mirror" "$TARGETARCH" > "/etc/apt/sources.list.d/$TARGETARCH.sources" \
      && dpkg --add-architecture "$TARGETARCH" \
      && apt-get update \
      && apt-get install -y --no-install-recommends "gcc-$triple" "zlib1g-dev:$TARGETARCH" \
      && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /src

# Restore first from the files that decide the package graph only, so editing code reuses this layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Directory.Build.props src/
COPY src/Gitmoxi.LambdaSources/Gitmoxi.LambdaSources.csproj src/Gitmoxi.LambdaSources/packages.lock.json src/Gitmoxi.LambdaSources/
COPY src/Gitmoxi.Action/Gitmoxi.Action.csproj src/Gitmoxi.Action/packages.lock.json src/Gitmoxi.Action/
RUN dotnet restore src/Gitmoxi.Action/Gitmoxi.Action.csproj --locked-mode

# The same publish command CI runs and tests (build/publish-action.sh), for the target architecture.
COPY .editorconfig ./
COPY build/publish-action.sh build/
# The AWS model classes are generated during the build from the botocore subsets under src/ (build/codegen).
COPY build/codegen/GenerateAwsModels.cs build/codegen/
COPY src/ src/
RUN GITMOXI_PUBLISH_PROPERTIES="${VERSION:+-p:MinVerVersionOverride=$VERSION}" \
    build/publish-action.sh /out "$TARGETARCH" \
    && if [ "$TARGETARCH" = "$BUILDARCH" ]; then /out/Gitmoxi.Action --version; fi

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
ARG VERSION=""
LABEL org.opencontainers.image.version="$VERSION"
COPY --from=build /out/Gitmoxi.Action /app/Gitmoxi.Action
# The chiseled base runs as uid 1654, but GitHub's runner creates GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and the
# workspace as its own user and mounts them in: only root can append to them. GitHub requires the default
# (root) user for Docker actions.
USER 0
# Exec form with an absolute path: the runner mounts the workspace and makes it the working directory.
ENTRYPOINT ["/app/Gitmoxi.Action"]
