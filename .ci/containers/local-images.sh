#!/bin/bash
# A real container engine on this machine (Debian 12, root, no image registry reachable) and local
# stand-ins for the base images docker-compose.yml asks for, built from Debian packages and tagged with
# those names. Users of the product pull the real images; CI cannot, so it builds these.
#
#   .ci/containers/local-images.sh eclipse-temurin:17-jre=jre postgres:16=pg
#
# KIND jre: openjdk-17-jre-headless and curl; pg: Debian's PostgreSQL 15 (whatever the tag says) with an
# entrypoint that honours POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB and /docker-entrypoint-initdb.d
# like the official image. Starts dockerd when none answers and writes its pid to
# $CONTAINERS_WORK/dockerd.pid (the caller stops it); the stand-ins are cached as images between runs.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
W=${CONTAINERS_WORK:-"$(dirname "$(mktemp -u)")/containers"}
mkdir -p "$W"
if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker-compose >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker.io docker-compose debootstrap >/dev/null
fi
D=/usr/bin/docker
if ! $D info >/dev/null 2>&1; then
  nohup /usr/sbin/dockerd > "$W/dockerd.log" 2>&1 & echo $! > "$W/dockerd.pid"
  for i in $(seq 60); do $D info >/dev/null 2>&1 && break; sleep 1; done
  $D info >/dev/null 2>&1 || { echo "dockerd did not start; see $W/dockerd.log" >&2; exit 1; }
fi
if ! $D image inspect local/debian:bookworm >/dev/null 2>&1; then
  rm -rf "$W/rootfs"
  debootstrap --variant=minbase bookworm "$W/rootfs" http://deb.debian.org/debian >/dev/null
  printf 'deb http://deb.debian.org/debian %s main\n' bookworm bookworm-updates > "$W/rootfs/etc/apt/sources.list"
  echo 'deb http://deb.debian.org/debian-security bookworm-security main' >> "$W/rootfs/etc/apt/sources.list"
  # HTTPS from inside containers must trust the same extra CAs as the host does
  mkdir -p "$W/rootfs/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$W/rootfs/usr/local/share/ca-certificates/" 2>/dev/null || true
  chroot "$W/rootfs" apt-get clean; rm -rf "$W/rootfs/var/lib/apt/lists/"*
  tar -C "$W/rootfs" -c . | $D import - local/debian:bookworm >/dev/null
  rm -rf "$W/rootfs"
fi
for spec in "$@"; do
  name=${spec%%=*}; kind=${spec##*=}
  case $kind in
    jre) dir=img-jre ;; pg) dir=img-pg ;;
    *) echo "unknown kind $kind in $spec (jre or pg)" >&2; exit 2 ;;
  esac
  # Rebuilt when its folder changed (docker's cache makes an unchanged one instant).
  $D build -q -t "local/$kind" "$HERE/$dir" >/dev/null
  $D tag "local/$kind" "$name"
  echo "$name <- local/$kind"
done
