# shellcheck shell=bash
# Sourced by scripts/services.
ENGINES+=(kafka-connect)

# --- kafka-connect: Kafka Connect 3.9.1 distributed worker on 127.0.0.1:58083, Debezium Postgres --
# Worker jars (connect-runtime, connect-json, connect-transforms) from kafka-connect/pom.xml into
# $DOWNLOADS/kafka-connect/lib; the Debezium PostgreSQL connector (kafka-connect/debezium/pom.xml)
# into $DOWNLOADS/kafka-connect/plugins/debezium-connector-postgres, the worker's plugin.path.
# Needs the kafka engine (started here when it does not answer). Internal topics connect-configs,
# connect-offsets, connect-status: replication factor 1, one partition each. Helpers kafka_* come
# from kafka.sh.
KCONNECT_PORT=58083
KCONNECT_URL="http://127.0.0.1:$KCONNECT_PORT"
KCONNECT_DIR="$CACHE/kafka-connect"
KCONNECT_LIB="$DOWNLOADS/kafka-connect/lib"
KCONNECT_PLUGINS="$DOWNLOADS/kafka-connect/plugins"
KCONNECT_CONF="$ROOT/scripts/services.d/kafka-connect"
KCONNECT_HEAP="${CATALOG_KAFKA_CONNECT_HEAP:-512m}"
KCONNECT_START_TIMEOUT="${CATALOG_KAFKA_CONNECT_START_TIMEOUT:-180}"
KCONNECT_DEBEZIUM_CLASS=io.debezium.connector.postgresql.PostgresConnector

# kconnect_answers: the REST API answers, lists the Debezium plugin, and the herder serves /connectors.
kconnect_answers() {
  curl -sf --max-time 5 "$KCONNECT_URL/connector-plugins" 2>/dev/null | grep -q "\"$KCONNECT_DEBEZIUM_CLASS\"" \
    && curl -sf --max-time 5 -o /dev/null "$KCONNECT_URL/connectors" 2>/dev/null
}

kconnect_write_config() {
  cat >"$KCONNECT_DIR/connect-distributed.properties" <<EOF
# Written by scripts/services.d/kafka-connect.sh on each start; edit that file, not this one.
bootstrap.servers=127.0.0.1:$KAFKA_PORT
group.id=catalog-connect
listeners=http://127.0.0.1:$KCONNECT_PORT
rest.advertised.host.name=127.0.0.1
rest.advertised.port=$KCONNECT_PORT
plugin.path=$KCONNECT_PLUGINS
# Debezium 3.1 ships ServiceLoader manifests, so no reflective scan of the plugin path is needed.
plugin.discovery=service_load
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=true
value.converter.schemas.enable=true
config.storage.topic=connect-configs
config.storage.replication.factor=1
offset.storage.topic=connect-offsets
offset.storage.replication.factor=1
offset.storage.partitions=1
status.storage.topic=connect-status
status.storage.replication.factor=1
status.storage.partitions=1
offset.flush.interval.ms=1000
# The broker does not auto-create topics; connectors create theirs (topic.creation.default.*).
topic.creation.enable=true
connector.client.config.override.policy=All
EOF
}

kafka-connect_up() {
  mkdir -p "$KCONNECT_DIR"
  kafka_lock "$KCONNECT_DIR"
  if kconnect_answers; then
    say "kafka-connect already answers on $KCONNECT_URL"
    echo "CATALOG_TEST_KAFKA_CONNECT_URL=$KCONNECT_URL"
    return 0
  fi
  if kafka_pid_alive "$KCONNECT_DIR/connect.pid"; then
    die "a kafka-connect JVM (pid $(cat "$KCONNECT_DIR/connect.pid")) is running but not ready on $KCONNECT_URL; run scripts/services down kafka-connect"
  fi
  if ! kafka_answers; then
    say "kafka-connect needs the kafka engine on 127.0.0.1:$KAFKA_PORT; starting it first"
    kafka_up >/dev/null
  fi
  command -v java >/dev/null || die "java not found (Java 17+ is needed)"
  command -v curl >/dev/null || die "curl not found (the readiness check uses it)"
  kafka_mvn_copy "$KCONNECT_CONF/pom.xml" "$KCONNECT_LIB" "$KCONNECT_DIR/mvn.log"
  kafka_mvn_copy "$KCONNECT_CONF/debezium/pom.xml" "$KCONNECT_PLUGINS/debezium-connector-postgres" "$KCONNECT_DIR/mvn-debezium.log"
  kconnect_write_config
  say "starting kafka-connect on $KCONNECT_URL (heap $KCONNECT_HEAP, log: $KCONNECT_DIR/connect.log)"
  kafka_spawn "$KCONNECT_DIR/connect.log" java -Xms64m "-Xmx$KCONNECT_HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:TieredStopAtLevel=1 \
      -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
      "-Dlog4j.configuration=file:$KCONNECT_CONF/log4j.properties" \
      -cp "$KCONNECT_LIB/*" org.apache.kafka.connect.cli.ConnectDistributed \
      "$KCONNECT_DIR/connect-distributed.properties"
  echo $! >"$KCONNECT_DIR/connect.pid"
  local deadline=$((SECONDS + KCONNECT_START_TIMEOUT))
  until kconnect_answers; do
    if ! kafka_pid_alive "$KCONNECT_DIR/connect.pid"; then
      rm -f "$KCONNECT_DIR/connect.pid"
      die "kafka-connect exited during start-up; $(kafka_log_excerpt "$KCONNECT_DIR/connect.log")"
    fi
    if ((SECONDS >= deadline)); then
      die "kafka-connect did not list $KCONNECT_DEBEZIUM_CLASS on $KCONNECT_URL/connector-plugins within ${KCONNECT_START_TIMEOUT}s (still running as pid $(cat "$KCONNECT_DIR/connect.pid"); stop it with scripts/services down kafka-connect); $(kafka_log_excerpt "$KCONNECT_DIR/connect.log")"
    fi
    sleep 1
  done
  say "kafka-connect is up (pid $(cat "$KCONNECT_DIR/connect.pid")) with the Debezium PostgreSQL connector; use:"
  echo "CATALOG_TEST_KAFKA_CONNECT_URL=$KCONNECT_URL"
}

kafka-connect_down() {
  kafka_stop_pid kafka-connect "$KCONNECT_DIR/connect.pid" 30
}

kafka-connect_status() {
  if kconnect_answers; then echo "kafka-connect: up  $KCONNECT_URL"; else echo "kafka-connect: down"; return 1; fi
}
