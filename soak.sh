#!/usr/bin/env bash
# ./soak.sh — load and faults on the whole Newsalert system, then a ledger check.
#
#   ./soak.sh --minutes M --rate R --feeds F --subscriptions S [--fault NAME]...
#
# Builds what is missing (services, broker, the soak module), then runs io.newsalert.soak.Soak: the
# in-JVM broker and the three services as processes, F synthetic feeds built from real German news
# sentences (new stories at R/s, some cross-posted, some revised), S subscriptions with webhooks on a
# recording receiver, the chosen faults while the load runs, a bounded drain, and the check. Ends with
# one line: lost=N duplicated=N delivered=N expected=N p50_ms=N p99_ms=N (exit 1 if lost or duplicated > 0).
# Faults: kill-ingest kill-enrich kill-alert kill-all broker-stop webhook-500 garbage-feed burst.
# More options: --help. Each run's logs and report: soak/target/runs/<time>/.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA=$JAVA_HOME/bin/java; else JAVA=$(command -v java || true); fi
[ -n "$JAVA" ] || { echo "soak.sh: no java found (JDK 17+ needed)" >&2; exit 1; }

stale() { # artifact module... -> true when the artifact is absent or a source of those modules is newer
  local artifact=$1; shift
  [ -e "$artifact" ] || return 0
  local m
  for m in "$@"; do
    if [ -n "$(find "$m/src/main" "$m/pom.xml" -newer "$artifact" -type f 2>/dev/null | head -n 1)" ]; then return 0; fi
  done
  return 1
}
SOAK_JAR=soak/target/soak-0.1.0-SNAPSHOT.jar
# A stamp written after a good build: Maven leaves an unchanged jar's time as it was.
STAMP=soak/target/soak-built.stamp
if [ ! -e "$SOAK_JAR" ] || [ ! -d soak/target/lib ] \
   || stale "$STAMP" soak events rest-errors rest-auth local-kafka local-run alert-service ingest-service enrich-service; then
  mkdir -p soak/target
  echo "[soak] building the services and the soak module (package, no tests) -> soak/target/build.log"
  # package, never install: nothing of this checkout goes into ~/.m2.
  if ! ./mvnw -B -q package -DskipTests -pl soak -am > soak/target/build.log 2>&1; then
    tail -n 40 soak/target/build.log >&2
    echo "soak.sh: the build failed; see soak/target/build.log" >&2
    exit 1
  fi
  touch "$STAMP"
fi

exec "$JAVA" -Xmx4g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dnewsalert.root="$ROOT" -cp "$ROOT/$SOAK_JAR:$ROOT/soak/target/lib/*" io.newsalert.soak.Soak "$@"
