# A local stand-in for mcr.microsoft.com/dotnet/sdk:10.0 on a machine that cannot pull from a public image registry.
# deploy/standin/build-standins.sh builds it (make compose-test, only when the official image cannot be pulled).
# What the official image gives a build: the .NET SDK in /usr/share/dotnet with `dotnet` on PATH, ca-certificates,
# curl, git, ICU, OpenSSL, tzdata, zlib, root as the build user. Here the SDK is a copy of this machine's. One
# difference: Microsoft's .NET 10 images are Ubuntu 24.04, this is Debian 12, the distribution this machine's mirror serves.
ARG BASE_IMAGE=troupe-standin/debian:bookworm
FROM ${BASE_IMAGE}
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl git libicu72 libssl3 libstdc++6 tzdata zlib1g \
 && rm -rf /var/lib/apt/lists/*
# This machine's own trust anchors (/usr/local/share/ca-certificates: how it reaches its package registries) go in
# too, so a restore in the build stage reaches NuGet the way the host does. The official image needs none of this.
COPY ca-certificates/ /usr/local/share/ca-certificates/
RUN update-ca-certificates > /dev/null
# The host's NuGet signature-revocation mode (NUGET_CERT_REVOCATION_MODE, set where revocation servers are out of reach).
ARG NUGET_CERT_REVOCATION_MODE=online
ARG DOTNET_SDK_VERSION
ENV DOTNET_ROOT=/usr/share/dotnet \
    DOTNET_SDK_VERSION=${DOTNET_SDK_VERSION} \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_USE_POLLING_FILE_WATCHER=true \
    DOTNET_NOLOGO=1 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    NUGET_XMLDOC_MODE=skip \
    NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE}
COPY dotnet/ /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
 && test "$(dotnet --version)" = "$DOTNET_SDK_VERSION"
WORKDIR /
