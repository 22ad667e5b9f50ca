#!/usr/bin/env bash
# Where the CPU time went in a JFR recording (execution samples), summarised three ways:
#   the top frame of each sample (the method that was running), the first frame of this service's own code
#   (io.brokerpolicy), and the first frame of each library (by package prefix). Usage: bench/jfr-top.sh FILE.jfr [N]
set -euo pipefail
file="$1"; n="${2:-15}"
jfr print --events jdk.ExecutionSample --stack-depth 64 "$file" | awk -v n="$n" '
  function flush() {
    if (nframes > 0) {
      total++; top[frames[1]]++
      own = ""; for (i = 1; i <= nframes; i++) if (frames[i] ~ /^io\.brokerpolicy\./) { own = frames[i]; break }
      ownc[own == "" ? "(no io.brokerpolicy frame: JVM, GC, compiler, server threads)" : own]++
      split(frames[1], parts, "."); lib = parts[1] "." parts[2] (parts[3] ~ /^[a-z]/ ? "." parts[3] : ""); libc[lib]++
    }
    nframes = 0
  }
  /jdk.ExecutionSample/ { flush(); next }
  /^[[:space:]]+[a-zA-Z_$][a-zA-Z0-9_$.]*\.[a-zA-Z_$<][^ (]*\(/ {
    f = $1; sub(/\(.*/, "", f); frames[++nframes] = f
  }
  END {
    flush()
    printf "%d execution samples\n", total
    print "-- top frames (the method on the CPU):"
    for (k in top) printf "%6.1f%%  %s\n", 100 * top[k] / total, k | "sort -rn | head -" n; close("sort -rn | head -" n)
    print "-- first frame of the service (io.brokerpolicy) in the stack:"
    for (k in ownc) printf "%6.1f%%  %s\n", 100 * ownc[k] / total, k | "sort -rn | head -" n; close("sort -rn | head -" n)
    print "-- package of the top frame:"
    for (k in libc) printf "%6.1f%%  %s\n", 100 * libc[k] / total, k | "sort -rn | head -" n; close("sort -rn | head -" n)
  }'
