# A local stand-in for mcr.microsoft.com/dotnet/runtime:10.0 on a machine that cannot pull from a public image
# registry. deploy/standin/build-standins.sh builds it (make compose-test, only when the official image cannot be pulled).
# Like the official image: the runtime-deps packages (ca-certificates, libc6, libgcc-s1, ICU, OpenSSL, libstdc++,
# tzdata, zlib), the .NET runtime (host + Microsoft.NETCore.App, no SDK) in /usr/share/dotnet with `dotnet` on PATH,
# the non-root user `app` (APP_UID 1654), root as the default user. Here the runtime is the one of this machine's SDK;
# the distribution is Debian 12 where Microsoft's .NET 10 images are Ubuntu 24.04.
ARG BASE_IMAGE=troupe-standin/debian:bookworm
FROM ${BASE_IMAGE}
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libc6 libgcc-s1 libicu72 libssl3 libstdc++6 tzdata zlib1g \
 && rm -rf /var/lib/apt/lists/*
ARG DOTNET_VERSION
ENV APP_UID=1654 \
    DOTNET_VERSION=${DOTNET_VERSION} \
    DOTNET_RUNNING_IN_CONTAINER=true
RUN groupadd --gid=$APP_UID app \
 && useradd --no-log-init --uid=$APP_UID --gid=$APP_UID --create-home app
COPY dotnet/ /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
 && dotnet --list-runtimes | grep -q "^Microsoft.NETCore.App $DOTNET_VERSION " \
 && ! dotnet --list-sdks | grep -q .
