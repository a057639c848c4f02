#!/usr/bin/env bash
# Paired A/B of the matcher: a commit (A) against the working tree (B), passes in turn in one JVM.
# Usage: alert-service/bench/paired-ab.sh <commit> [subscriptions=100000] [rounds=16] [warm-up CPU-s per side=20]
# The host is shared and its speed drifts within minutes; the per-pair ratio B/A is the figure to quote.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
commit="$1"; subs="${2:-100000}"; rounds="${3:-16}"; warmup="${4:-20}"
work="$(mktemp -d)"
trap 'git -C "$here" worktree remove --force "$work/a" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$here" worktree add --detach "$work/a" "$commit" >/dev/null
# The same workload on both sides: the working tree's benchmark (articles, queries) and harness entry point.
for f in PairedPass.java MatcherBenchmark.java; do
  cp "$here/alert-service/src/test/java/io/newsalert/alert/match/$f" "$work/a/alert-service/src/test/java/io/newsalert/alert/match/"
done
for side in a b; do
  dir="$here"; [ "$side" = a ] && dir="$work/a"
  (cd "$dir" && ./mvnw -B -q -o -pl alert-service -am test-compile dependency:build-classpath \
      -Dmdep.outputFile="$work/deps-$side.txt" -Dmdep.includeScope=test >"$work/build-$side.log" 2>&1) \
    || { cat "$work/build-$side.log"; exit 1; }
  echo "$dir/alert-service/target/test-classes:$dir/alert-service/target/classes:$(cat "$work/deps-$side.txt")" > "$work/cp-$side.txt"
done
# Both sides with the heap in huge pages on Linux, as the service and the benchmark run there.
huge=(); [ "$(uname -s)" = Linux ] && huge=(-XX:+UseTransparentHugePages)
java -Xmx6g ${huge[@]+"${huge[@]}"} -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$(cat "$work/cp-b.txt")" "$here/alert-service/bench/PairedAB.java" "$work/cp-a.txt" "$work/cp-b.txt" "$subs" "$rounds" "$warmup"
