#!/usr/bin/env bash
# ./run-local.sh — the whole Newsalert pipeline on this machine, with nothing but a JDK 17+:
# builds what is missing, starts the in-JVM Kafka broker, the three services (ingest 8081, enrich
# 8082, alert 8083) as separate processes, a local webhook receiver (8090) that checks each call's
# signature and prints the alert, and registers the demo subscription "Truppenabzug". The services
# register the default feeds themselves, among them the bundled offline sample feed whose seed
# article alerts within seconds even without internet.
#
#   ./run-local.sh            start (state kept in .local-run/ between runs)
#   ./run-local.sh --fresh    forget everything from earlier runs first
#
# Ctrl-C or SIGTERM stops every process it started. It needs no terminal: stdin may be closed and
# output may go to a file (a script started in the background stops it with SIGTERM, since such a
# process ignores SIGINT). Settings: NEWSALERT_ADMIN_KEY (else one is generated and printed),
# NEWSALERT_KAFKA_PORT (9092; the broker also takes the next port for its controller),
# NEWSALERT_RECEIVER_PORT (8090), NEWSALERT_READY_TIMEOUT (seconds, 240), JAVA_HOME.
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$(pwd)
RUN_DIR=$ROOT/.local-run
LOG_DIR=$RUN_DIR/logs
KAFKA_PORT=${NEWSALERT_KAFKA_PORT:-9092}
RECEIVER_PORT=${NEWSALERT_RECEIVER_PORT:-8090}
READY_TIMEOUT=${NEWSALERT_READY_TIMEOUT:-240}
SERVICES="ingest-service enrich-service alert-service"

say() { printf '[run-local] %s\n' "$*"; }
die() { printf '[run-local] ERROR: %s\n' "$*" >&2; exit 1; }

FRESH=0
for arg in "$@"; do
  case $arg in
    --fresh) FRESH=1 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $arg (try --help)" ;;
  esac
done

port_of() {
  case $1 in
    ingest-service) echo 8081 ;;
    enrich-service) echo 8082 ;;
    alert-service) echo 8083 ;;
  esac
}

# ---- Java ------------------------------------------------------------------------------------
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA=$JAVA_HOME/bin/java; else JAVA=$(command -v java || true); fi
[ -n "$JAVA" ] || die "no java found: install a JDK 17 or newer (or set JAVA_HOME)"
JAVA_MAJOR=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
[ "${JAVA_MAJOR:-0}" -ge 17 ] || die "$JAVA is Java ${JAVA_MAJOR:-?}; Newsalert needs 17 or newer"

# ---- HTTP without curl: bash's /dev/tcp is enough for a status code on loopback ---------------
http_status() { # port path -> prints the status code, 000 when nothing answers
  local code
  code=$( { exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3 && head -n 1 <&3; } 2>/dev/null \
    | awk '{print $2}' ) || true
  echo "${code:-000}"
}
port_in_use() { ( exec 3<>"/dev/tcp/127.0.0.1/$1" ) 2>/dev/null; }

for p in "$KAFKA_PORT" $((KAFKA_PORT + 1)) "$RECEIVER_PORT" 8081 8082 8083; do
  if port_in_use "$p"; then die "port $p is already in use (another ./run-local.sh, or another program); stop it first"; fi
done

# ---- Build what is missing or older than its sources ------------------------------------------
stale() { # artifact module... -> true when the artifact is absent or a source of those modules is newer
  local artifact=$1; shift
  [ -e "$artifact" ] || return 0
  local m
  for m in "$@" ; do
    if [ -n "$(find "$m/src/main" "$m/pom.xml" -newer "$artifact" -type f -not -path '*/src/main/docker/*' 2>/dev/null | head -n 1)" ]; then return 0; fi
  done
  [ pom.xml -nt "$artifact" ]
}
LOCAL_RUN_JAR=$(ls local-run/target/local-run-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -n 1 || true)
TO_BUILD=""
if [ -z "$LOCAL_RUN_JAR" ] || [ ! -d local-run/target/lib ] || stale "$LOCAL_RUN_JAR" local-run local-kafka events; then TO_BUILD="local-run"; fi
for s in $SERVICES; do
  if stale "$s/target/quarkus-app/quarkus-run.jar" "$s" events rest-errors rest-auth; then TO_BUILD="$TO_BUILD${TO_BUILD:+,}$s"; fi
done
mkdir -p "$LOG_DIR"
if [ -n "$TO_BUILD" ]; then
  say "building $TO_BUILD (the first build downloads Maven and the dependencies: several minutes) -> $LOG_DIR/build.log"
  if ! ./mvnw -B -q install -DskipTests -pl "$TO_BUILD" -am > "$LOG_DIR/build.log" 2>&1; then
    tail -n 40 "$LOG_DIR/build.log" >&2
    die "the build failed; the whole log is $LOG_DIR/build.log"
  fi
  LOCAL_RUN_JAR=$(ls local-run/target/local-run-*.jar | grep -v -e sources -e javadoc | head -n 1)
fi
# Absolute paths, so that `ps` shows which checkout a process belongs to.
CLASSPATH_LOCAL="$ROOT/$LOCAL_RUN_JAR:$ROOT/local-run/target/lib/*"

# ---- State --------------------------------------------------------------------------------------
if [ "$FRESH" = 1 ]; then
  say "--fresh: forgetting the broker's data, Kafka Streams state and the webhook secret of earlier runs"
  rm -rf "$RUN_DIR/kafka" "$RUN_DIR/kafka-streams" "$RUN_DIR/webhook-secrets"
elif [ -d "$RUN_DIR/kafka" ]; then
  say "keeping the state of an earlier run ($RUN_DIR/kafka): a story alerted then does not alert again; --fresh starts empty"
fi
mkdir -p "$RUN_DIR/kafka-streams"

if [ -z "${NEWSALERT_ADMIN_KEY:-}" ]; then
  NEWSALERT_ADMIN_KEY=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
  KEY_NOTE="generated for this run; export NEWSALERT_ADMIN_KEY to choose your own"
else
  KEY_NOTE="from NEWSALERT_ADMIN_KEY"
fi
export NEWSALERT_ADMIN_KEY

# ---- Children: each in its own process group, all stopped on the way out ---------------------
PIDS=""
NAMES=""
STOPPING=0
SETSID=$(command -v setsid || true)

start_child() { # name logfile command... (stdin closed; own process group where setsid exists)
  local name=$1 log=$2; shift 2
  if [ -n "$SETSID" ]; then
    "$SETSID" "$@" < /dev/null > "$log" 2>&1 &
  else
    "$@" < /dev/null > "$log" 2>&1 &
  fi
  PIDS="$PIDS $!"
  NAMES="$NAMES $name:$!"
}

stop_pid() { # pid: SIGTERM to its process group (or itself), SIGKILL after 30 s
  local pid=$1 i=0
  kill -0 "$pid" 2>/dev/null || return 0
  if [ -n "$SETSID" ]; then kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  else kill -TERM "$pid" 2>/dev/null || true; fi
  while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  if kill -0 "$pid" 2>/dev/null; then
    say "process $pid did not stop within 30 s; killing it"
    if [ -n "$SETSID" ]; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  [ "$STOPPING" = 1 ] && return 0
  STOPPING=1
  trap '' INT TERM
  [ -n "$PIDS" ] || return 0
  say "stopping..."
  # Reverse start order: the services and the receiver first, the broker last, so the services
  # can commit their work to it on the way down.
  local reversed="" p
  for p in $PIDS; do reversed="$p $reversed"; done
  for p in $reversed; do stop_pid "$p"; done
  [ -n "${TAIL_PID:-}" ] && { kill "$TAIL_PID" 2>/dev/null || true; wait "$TAIL_PID" 2>/dev/null || true; }
  say "stopped; logs are in $LOG_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

name_of() { local e; for e in $NAMES; do [ "${e#*:}" = "$1" ] && echo "${e%%:*}"; done; }
check_alive() { # dies with the log's tail when a child has exited
  local p n
  for p in $PIDS; do
    if ! kill -0 "$p" 2>/dev/null; then
      n=$(name_of "$p")
      tail -n 30 "$LOG_DIR/$n.log" >&2 || true
      die "$n exited unexpectedly; its log is $LOG_DIR/$n.log"
    fi
  done
}

# ---- Broker ----------------------------------------------------------------------------------
say "starting the Kafka broker on localhost:$KAFKA_PORT (data in $RUN_DIR/kafka)"
start_child local-kafka "$LOG_DIR/local-kafka.log" "$JAVA" -Xmx768m -cp "$CLASSPATH_LOCAL" io.newsalert.localkafka.Main \
  --port "$KAFKA_PORT" --data-dir "$RUN_DIR/kafka"
i=0
until grep -q "local-kafka ready at" "$LOG_DIR/local-kafka.log" 2>/dev/null; do
  check_alive
  [ $i -lt 1200 ] || die "the broker did not start within 120 s; see $LOG_DIR/local-kafka.log"
  sleep 0.1; i=$((i + 1))
done

# ---- Webhook receiver ------------------------------------------------------------------------
start_child webhook-receiver "$LOG_DIR/webhook-receiver.log" "$JAVA" -Xmx128m -cp "$CLASSPATH_LOCAL" io.newsalert.localrun.Main \
  --port "$RECEIVER_PORT" --secrets-file "$RUN_DIR/webhook-secrets"

# ---- Services --------------------------------------------------------------------------------
# The webhook receiver is on loopback, which the SSRF guard refuses unless allowed
# (alert-service's newsalert.delivery.ssrf.allow).
export KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_PORT
export NEWSALERT_DELIVERY_SSRF_ALLOW=localhost,127.0.0.0/8,::1

start_service() {
  say "starting $1 on http://localhost:$(port_of "$1")"
  # The matcher's heap in 2 MB pages where Linux offers them (see the profile huge-pages in
  # alert-service/pom.xml); the flag exists on Linux only.
  local extra=()
  if [ "$1" = alert-service ] && [ "$(uname -s)" = Linux ]; then extra=(-XX:+UseTransparentHugePages); fi
  QUARKUS_HTTP_PORT=$(port_of "$1") start_child "$1" "$LOG_DIR/$1.log" "$JAVA" -Xmx512m ${extra[@]+"${extra[@]}"} \
    -Dkafka-streams.state.dir="$RUN_DIR/kafka-streams" \
    -jar "$ROOT/$1/target/quarkus-app/quarkus-run.jar"
}

await_ready() {
  local s start
  start=$(date +%s)
  for s in "$@"; do
    until [ "$(http_status "$(port_of "$s")" /q/health/ready)" = 200 ]; do
      check_alive
      if [ $(( $(date +%s) - start )) -ge "$READY_TIMEOUT" ]; then
        tail -n 30 "$LOG_DIR/$s.log" >&2 || true
        die "$s was not ready within $READY_TIMEOUT s (http://localhost:$(port_of "$s")/q/health/ready); its log is $LOG_DIR/$s.log"
      fi
      sleep 1
    done
    say "$s is ready"
  done
}

# Matching happens as articles arrive, so the demo subscription must exist before ingest-service
# polls its first feed: alert and enrich first, then the subscription, then ingest.
start_service enrich-service
start_service alert-service
say "waiting for enrich-service and alert-service to be ready (up to $READY_TIMEOUT s)"
await_ready alert-service enrich-service

# ---- Demo subscription -----------------------------------------------------------------------
"$JAVA" -cp "$CLASSPATH_LOCAL" io.newsalert.localrun.DemoSubscription --alert http://localhost:8083 --key "$NEWSALERT_ADMIN_KEY" \
  --webhook "http://127.0.0.1:$RECEIVER_PORT/webhook" --secrets-file "$RUN_DIR/webhook-secrets" < /dev/null \
  | sed 's/^/[run-local] /' || die "the demo subscription could not be registered (see above)"

start_service ingest-service
await_ready ingest-service

cat <<EOF

  Newsalert is running.

  ingest-service   http://localhost:8081/api/feeds           (feeds and their health)
  enrich-service   http://localhost:8082/api/enrich
  alert-service    http://localhost:8083/api/subscriptions
  OpenAPI UI       http://localhost:8081/q/swagger-ui  http://localhost:8082/q/swagger-ui  http://localhost:8083/q/swagger-ui
  metrics          http://localhost:8081/q/metrics  http://localhost:8082/q/metrics  http://localhost:8083/q/metrics
  Kafka            localhost:$KAFKA_PORT
  webhooks         http://127.0.0.1:$RECEIVER_PORT/webhook (signature checked; alerts are printed below)
  admin API key    $NEWSALERT_ADMIN_KEY  ($KEY_NOTE)
                   e.g. curl -H "Authorization: Bearer \$NEWSALERT_ADMIN_KEY" http://localhost:8081/api/feeds
  logs             $LOG_DIR/

  Alerts appear below as they fire. Ctrl-C stops everything.

EOF

# Show what the receiver prints (every alert), from its log, as it arrives.
tail -n +1 -f "$LOG_DIR/webhook-receiver.log" < /dev/null &
TAIL_PID=$!

while true; do
  check_alive
  sleep 1
done
