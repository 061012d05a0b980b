# shellcheck shell=bash
# Sourced by scripts/services.
ENGINES+=(kafka)

# --- kafka: Apache Kafka 3.9.1 broker, KRaft single node (broker+controller), 127.0.0.1:59092 ----
# Jars come from Maven Central (scripts/services.d/kafka/pom.xml, `mvn dependency:copy-dependencies`
# into $DOWNLOADS/kafka/lib, Maven's local repository in $DOWNLOADS/m2); data and log in $CACHE/kafka.
# Topics are NOT auto-created (auto.create.topics.enable=false): tests create their topics with the
# admin API, and Kafka Connect connectors set topic.creation.default.* (see docs/SERVICES.md).
KAFKA_PORT=59092
KAFKA_CONTROLLER_PORT=59093
KAFKA_DIR="$CACHE/kafka"
KAFKA_LIB="$DOWNLOADS/kafka/lib"
KAFKA_CONF="$ROOT/scripts/services.d/kafka"
KAFKA_HEAP="${CATALOG_KAFKA_HEAP:-512m}"
KAFKA_START_TIMEOUT="${CATALOG_KAFKA_START_TIMEOUT:-90}"
KAFKA_MAVEN_REPO="${CATALOG_MAVEN_REPO:-$DOWNLOADS/m2}"

# kafka_mvn_copy <pom> <dir> <log>: the runtime jars of <pom> into <dir>, once per pom content.
# Copies into <dir>.tmp first so an interrupted download never looks complete.
kafka_mvn_copy() {
  local pom=$1 dir=$2 log=$3 sum
  sum="$(sha256sum "$pom" | cut -d' ' -f1)"
  [[ -f $dir/.complete && $(cat "$dir/.complete") == "$sum" ]] && return 0
  command -v mvn >/dev/null || die "mvn not found (Maven 3 is needed to fetch jars from Maven Central)"
  say "fetching jars for $(basename "$(dirname "$pom")")/$(basename "$pom") from Maven Central into $dir (log: $log)"
  rm -rf "$dir" "$dir.tmp"
  mkdir -p "$(dirname "$dir")" "$(dirname "$log")"
  mvn -B -q -f "$pom" -Dmaven.repo.local="$KAFKA_MAVEN_REPO" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$dir.tmp" >"$log" 2>&1 \
    || die "mvn dependency:copy-dependencies failed for $pom; last lines of $log:
$(tail -n 30 "$log")"
  echo "$sum" >"$dir.tmp/.complete"
  mv "$dir.tmp" "$dir"
}

# kafka_log_excerpt <log>: the first ERROR/FATAL lines (the cause; the tail is mostly shutdown
# noise after a fatal error) and the last lines of a JVM log, for error messages.
kafka_log_excerpt() {
  local errors
  errors=$(grep -m 8 -E '^\[[^]]*\] (ERROR|FATAL)|^(Caused by|Exception)' "$1" 2>/dev/null)
  [[ -n $errors ]] && printf 'first errors in %s:\n%s\n' "$1" "$errors"
  printf 'last lines of %s:\n%s' "$1" "$(tail -n 20 "$1" 2>/dev/null)"
}

# kafka_lock <dir>: holds <dir>/.start.lock until the calling scripts/services exits, so two
# concurrent `up`s (two terminals, CI and a developer) cannot start two JVMs on one data directory.
KAFKA_LOCK_FDS=()
kafka_lock() {
  local fd
  exec {fd}>"$1/.start.lock"
  flock -w 300 "$fd" || die "another scripts/services is starting $(basename "$1") (lock $1/.start.lock held for 300 s)"
  KAFKA_LOCK_FDS+=("$fd")
}

# kafka_spawn <log> <command>...: runs <command> detached (own session, stdin closed, output to
# <log>) without the start locks, so a running JVM never holds them; $! is the JVM's pid.
kafka_spawn() {
  local log=$1 fd
  shift
  (
    for fd in "${KAFKA_LOCK_FDS[@]}"; do exec {fd}>&-; done
    exec setsid nohup "$@" >"$log" 2>&1 </dev/null
  ) &
}

# kafka_pid_alive <pidfile>: the JVM recorded in <pidfile> is still running.
kafka_pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# kafka_answers [port]: the broker answers a Kafka Metadata (v0) request and lists itself.
# Raw protocol over bash /dev/tcp: request = size 22, api key 3, version 0, correlation id 0x4b43,
# client id "services", topics [] (all); response = size, correlation id, broker count (>= 1).
kafka_answers() {
  local port=${1:-$KAFKA_PORT} reply
  reply=$(timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port || exit 1
    printf '\x00\x00\x00\x16\x00\x03\x00\x00\x00\x00\x4b\x43\x00\x08services\x00\x00\x00\x00' >&3
    head -c 12 <&3 | od -An -tx1" 2>/dev/null) || return 1
  reply=$(echo $reply)
  [[ $reply == ??\ ??\ ??\ ??\ "00 00 4b 43 "* && ${reply:24} != "00 00 00 00" ]]
}

kafka_write_config() {
  cat >"$KAFKA_DIR/server.properties" <<EOF
# Written by scripts/services.d/kafka.sh on each start; edit that file, not this one.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DIR/data
auto.create.topics.enable=false
delete.topic.enable=true
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=24
log.segment.bytes=67108864
EOF
}

kafka_up() {
  mkdir -p "$KAFKA_DIR"
  kafka_lock "$KAFKA_DIR"
  if kafka_answers; then
    say "kafka already answers on 127.0.0.1:$KAFKA_PORT"
    echo "CATALOG_TEST_KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT"
    return 0
  fi
  if kafka_pid_alive "$KAFKA_DIR/kafka.pid"; then
    die "a kafka JVM (pid $(cat "$KAFKA_DIR/kafka.pid")) is running but does not answer on 127.0.0.1:$KAFKA_PORT; run scripts/services down kafka"
  fi
  command -v java >/dev/null || die "java not found (Java 17+ is needed)"
  kafka_mvn_copy "$KAFKA_CONF/pom.xml" "$KAFKA_LIB" "$KAFKA_DIR/mvn.log"
  kafka_write_config
  local cp="$KAFKA_LIB/*" jopts=(-Xms64m "-Xmx$KAFKA_HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:TieredStopAtLevel=1
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
    "-Dlog4j.configuration=file:$KAFKA_CONF/log4j.properties" "-Dkafka.logs.dir=$KAFKA_DIR")
  if [[ ! -f $KAFKA_DIR/data/meta.properties ]]; then
    # A cluster id is a Kafka Uuid: 16 random bytes, unpadded url-safe base64, not starting with '-'.
    local id
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
    while [[ $id == -* ]]; do id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '='); done
    say "formatting KRaft storage in $KAFKA_DIR/data (cluster id $id)"
    java "${jopts[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$id" \
        -c "$KAFKA_DIR/server.properties" --ignore-formatted >"$KAFKA_DIR/format.log" 2>&1 \
      || die "kafka storage format failed; $(kafka_log_excerpt "$KAFKA_DIR/format.log")"
  fi
  say "starting kafka on 127.0.0.1:$KAFKA_PORT (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT, heap $KAFKA_HEAP, log: $KAFKA_DIR/kafka.log)"
  kafka_spawn "$KAFKA_DIR/kafka.log" java "${jopts[@]}" -cp "$cp" kafka.Kafka "$KAFKA_DIR/server.properties"
  echo $! >"$KAFKA_DIR/kafka.pid"
  local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  until kafka_answers; do
    if ! kafka_pid_alive "$KAFKA_DIR/kafka.pid"; then
      rm -f "$KAFKA_DIR/kafka.pid"
      die "kafka exited during start-up; $(kafka_log_excerpt "$KAFKA_DIR/kafka.log")"
    fi
    if ((SECONDS >= deadline)); then
      die "kafka did not answer a metadata request on 127.0.0.1:$KAFKA_PORT within ${KAFKA_START_TIMEOUT}s (still running as pid $(cat "$KAFKA_DIR/kafka.pid"); stop it with scripts/services down kafka); $(kafka_log_excerpt "$KAFKA_DIR/kafka.log")"
    fi
    sleep 0.5
  done
  say "kafka is up (pid $(cat "$KAFKA_DIR/kafka.pid")); use:"
  echo "CATALOG_TEST_KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT"
}

# kafka_stop_pid <name> <pidfile> <seconds>: SIGTERM, wait for a clean shutdown, then SIGKILL.
kafka_stop_pid() {
  local name=$1 pidfile=$2 wait=$3 pid i
  if ! kafka_pid_alive "$pidfile"; then
    rm -f "$pidfile"
    say "$name is not running"
    return 0
  fi
  pid=$(cat "$pidfile")
  kill -TERM "$pid"
  for ((i = 0; i < wait * 2; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name (pid $pid) did not stop within ${wait}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  say "$name stopped"
}

kafka_down() {
  kafka_stop_pid kafka "$KAFKA_DIR/kafka.pid" 30
  [[ -d $KAFKA_DIR/data ]] && say "kafka data kept in $KAFKA_DIR/data (remove it for an empty cluster)"
  return 0
}

kafka_status() {
  if kafka_answers; then echo "kafka: up  127.0.0.1:$KAFKA_PORT"; else echo "kafka: down"; return 1; fi
}
