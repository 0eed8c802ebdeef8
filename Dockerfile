# syntax=docker/dockerfile:1
# The GitHub Action image: a Native AOT binary on the chiseled runtime-deps base (no shell, no SDK, ~12 MB).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Native AOT links with clang; the SDK image has no native toolchain.
RUN apt-get update \
    && apt-get install -y --no-install-recommends clang zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# Restore first from the files that decide the package graph only, so editing code reuses this layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Gitmoxi.LambdaSources/Gitmoxi.LambdaSources.csproj src/Gitmoxi.LambdaSources/packages.lock.json src/Gitmoxi.LambdaSources/
COPY src/Gitmoxi.Action/Gitmoxi.Action.csproj src/Gitmoxi.Action/packages.lock.json src/Gitmoxi.Action/
RUN dotnet restore src/Gitmoxi.Action/Gitmoxi.Action.csproj -r linux-x64 --locked-mode

# The same publish command CI runs and tests (build/publish-action.sh).
COPY .editorconfig ./
COPY build/publish-action.sh build/
COPY src/ src/
RUN build/publish-action.sh /out

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
COPY --from=build /out/Gitmoxi.Action /app/Gitmoxi.Action
# The chiseled base runs as uid 1654, but GitHub's runner creates GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and the
# workspace as its own user and mounts them in: only root can append to them. GitHub requires the default
# (root) user for Docker actions.
USER 0
# Exec form with an absolute path: the runner mounts the workspace and makes it the working directory.
ENTRYPOINT ["/app/Gitmoxi.Action"]
