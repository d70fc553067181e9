#!/usr/bin/env bash
# Local stand-ins for Microsoft's .NET images, for a machine that cannot pull from a public image registry but has
# the .NET SDK and a Debian mirror (root: debootstrap). deploy/Dockerfile takes them as SDK_IMAGE / RUNTIME_IMAGE.
#
#   deploy/standin/build-standins.sh [--rebuild]
#
# Builds, each only when missing (--rebuild: all of them again):
#   troupe-standin/debian:bookworm               debootstrap --variant=minbase bookworm from the Debian mirror apt
#                                                uses here, then `docker import` (what debian:bookworm would be)
#   troupe-standin/dotnet-sdk:SDK_VERSION        that + a copy of this machine's .NET SDK (sdk.Dockerfile)
#   troupe-standin/dotnet-runtime:RUNTIME_VERSION  that + the SDK's .NET runtime, no SDK (runtime.Dockerfile)
# and prints `SDK_IMAGE=NAME` and `RUNTIME_IMAGE=NAME` on stdout (progress goes to stderr).
# Settings: STANDIN_DEBIAN_MIRROR (default: the first .../debian URI in apt's sources), DOCKER (default docker).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DOCKER="${DOCKER:-docker}"
BASE=troupe-standin/debian:bookworm
rebuild=0
case "${1:-}" in
  "") ;;
  --rebuild) rebuild=1 ;;
  *) echo "usage: $0 [--rebuild]" >&2; exit 2 ;;
esac

die() { echo "build-standins: $*" >&2; exit 1; }
say() { echo "build-standins: $*" >&2; }
have_image() { [ "$rebuild" = 0 ] && "$DOCKER" image inspect "$1" > /dev/null 2>&1; }

command -v dotnet > /dev/null || die "no dotnet on PATH: the stand-ins carry this machine's .NET SDK"
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
sdk_version="$(dotnet --version)"
runtime_version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')"
[ -d "$dotnet_root/sdk/$sdk_version" ] || die "expected the SDK $sdk_version in $dotnet_root/sdk, found: $(ls "$dotnet_root/sdk" 2>/dev/null | tr '\n' ' ')"
[ -n "$runtime_version" ] && [ -d "$dotnet_root/shared/Microsoft.NETCore.App/$runtime_version" ] \
  || die "expected a Microsoft.NETCore.App runtime in $dotnet_root/shared, found '${runtime_version:-none}'"
SDK_IMAGE="troupe-standin/dotnet-sdk:$sdk_version"
RUNTIME_IMAGE="troupe-standin/dotnet-runtime:$runtime_version"

work="$(mktemp -d "${TMPDIR:-/tmp}/troupe-standin.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The Debian mirror and security mirror apt already uses (one-line .list and deb822 .sources files alike).
apt_uris() { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2> /dev/null | grep -oE 'https?://[^ ]+' || true; }
mirror="${STANDIN_DEBIAN_MIRROR:-$(apt_uris | grep -E '/debian/?$' | head -n 1)}"
security="$(apt_uris | grep -E '/debian-security/?$' | head -n 1)"

build_base() {
  have_image "$BASE" && { say "$BASE: present"; return; }
  [ "$(id -u)" = 0 ] || die "debootstrap needs root"
  command -v debootstrap > /dev/null || die "debootstrap is missing (apt-get install debootstrap)"
  [ -n "$mirror" ] || die "no Debian mirror found in apt's sources (/etc/apt/sources.list*): set STANDIN_DEBIAN_MIRROR"
  say "$BASE: debootstrap --variant=minbase bookworm from $mirror"
  local root="$work/rootfs"
  debootstrap --variant=minbase bookworm "$root" "$mirror" > "$work/debootstrap.log" 2>&1 \
    || { tail -n 20 "$work/debootstrap.log" >&2; die "debootstrap failed (log above)"; }
  # As the official image: bookworm, its updates and security suites; no package lists, caches or host files.
  rm -f "$root/etc/apt/sources.list"
  {
    printf 'Types: deb\nURIs: %s\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$mirror"
    [ -z "$security" ] || printf '\nTypes: deb\nURIs: %s\nSuites: bookworm-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$security"
  } > "$root/etc/apt/sources.list.d/debian.sources"
  # apt as in the official image: no package caches kept in layers, no translations fetched.
  cat > "$root/etc/apt/apt.conf.d/docker-clean" <<'EOF2'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF2
  echo 'Acquire::Languages "none";' > "$root/etc/apt/apt.conf.d/docker-no-languages"
  rm -rf "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/var/log/* "$root/etc/resolv.conf" "$root/etc/hostname"
  tar -C "$root" -c . | "$DOCKER" import --change 'CMD ["bash"]' --message "debootstrap minbase bookworm ($mirror)" - "$BASE" > /dev/null
  rm -rf "$root"
}

# A build context in $work/NAME holding dotnet/ (hard links into the install where the file system allows).
context_with() {
  local dir="$work/$1"; shift
  mkdir -p "$dir/dotnet"
  local path
  for path in "$@"; do
    mkdir -p "$dir/dotnet/$(dirname "$path")"
    cp -al "$dotnet_root/$path" "$dir/dotnet/$path" 2> /dev/null \
      || { rm -rf "${dir:?}/dotnet/$path"; cp -a "$dotnet_root/$path" "$dir/dotnet/$path"; }
  done
  echo "$dir"
}

build_sdk() {
  have_image "$SDK_IMAGE" && { say "$SDK_IMAGE: present"; return; }
  say "$SDK_IMAGE: $BASE + the SDK in $dotnet_root"
  local ctx entries; mapfile -t entries < <(ls -A "$dotnet_root")
  ctx="$(context_with sdk "${entries[@]}")"
  mkdir -p "$ctx/ca-certificates"
  find /usr/local/share/ca-certificates -name '*.crt' -exec cp {} "$ctx/ca-certificates/" \; 2> /dev/null || true
  cp "$HERE/sdk.Dockerfile" "$ctx/Dockerfile"
  DOCKER_BUILDKIT=0 "$DOCKER" build -t "$SDK_IMAGE" --build-arg BASE_IMAGE="$BASE" --build-arg DOTNET_SDK_VERSION="$sdk_version" \
    --build-arg NUGET_CERT_REVOCATION_MODE="${NUGET_CERT_REVOCATION_MODE:-online}" "$ctx" > "$work/sdk.log" 2>&1 \
    || { tail -n 30 "$work/sdk.log" >&2; die "building $SDK_IMAGE failed (log above)"; }
  rm -rf "$ctx"
}

build_runtime() {
  have_image "$RUNTIME_IMAGE" && { say "$RUNTIME_IMAGE: present"; return; }
  say "$RUNTIME_IMAGE: $BASE + Microsoft.NETCore.App $runtime_version"
  local ctx files=(dotnet host "shared/Microsoft.NETCore.App/$runtime_version")
  local f; for f in LICENSE.txt ThirdPartyNotices.txt; do [ -e "$dotnet_root/$f" ] && files+=("$f"); done
  ctx="$(context_with runtime "${files[@]}")"
  cp "$HERE/runtime.Dockerfile" "$ctx/Dockerfile"
  DOCKER_BUILDKIT=0 "$DOCKER" build -t "$RUNTIME_IMAGE" --build-arg BASE_IMAGE="$BASE" --build-arg DOTNET_VERSION="$runtime_version" \
    "$ctx" > "$work/runtime.log" 2>&1 \
    || { tail -n 30 "$work/runtime.log" >&2; die "building $RUNTIME_IMAGE failed (log above)"; }
  rm -rf "$ctx"
}

build_base
build_sdk
build_runtime
echo "SDK_IMAGE=$SDK_IMAGE"
echo "RUNTIME_IMAGE=$RUNTIME_IMAGE"
