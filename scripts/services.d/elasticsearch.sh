# shellcheck shell=bash
# Sourced by scripts/services.
ENGINES+=(elasticsearch)

# --- elasticsearch: a real Elasticsearch 8 node, single node, security off, 127.0.0.1:59200 -----
# The distribution is Elastic's integ-test zip from Maven Central
# (org.elasticsearch.distribution.integ-test-zip:elasticsearch:<v>:zip): the real bin/elasticsearch
# launcher and server, without a bundled JDK and with a reduced module set (transport-netty4,
# x-pack-core, x-pack-security, apm). What that leaves out (no `GET /`, no painless, no
# analysis-common) is listed in docs/SERVICES.md. The codelibs cluster runner stops at 7.10 on
# Central, so it is not an option for 8.x.
# The launcher refuses to run as root: as root, the node runs as the system user catalog-services
# (created on first use), which owns $CACHE/elasticsearch.
ES_VERSION="${CATALOG_ES_VERSION:-8.19.21}"
ES_PORT=59200
ES_TRANSPORT_PORT=59300
ES_DIR="$CACHE/elasticsearch"
ES_DL="$DOWNLOADS/elasticsearch"
ES_HOME_DIR="$ES_DL/elasticsearch-$ES_VERSION"
ES_URL="http://127.0.0.1:$ES_PORT"
ES_HEAP="${CATALOG_ES_HEAP:-512m}"
ES_START_TIMEOUT="${CATALOG_ES_START_TIMEOUT:-180}"
ES_USER="${CATALOG_SERVICES_USER:-catalog-services}"

# Elasticsearch 8.19 runs on Java 17 or later; the machine default (17) is used unless
# CATALOG_ES_JAVA_HOME says otherwise.
es_java_home() {
  local home="${CATALOG_ES_JAVA_HOME:-${JAVA_HOME:-}}" java
  if [[ -z $home ]]; then
    java="$(command -v java 2>/dev/null)" || die "java not found; install a JDK 17+ (apt-get install openjdk-17-jdk-headless) or set CATALOG_ES_JAVA_HOME"
    home="$(dirname "$(dirname "$(readlink -f "$java")")")"
  fi
  [[ -x $home/bin/java ]] || die "no bin/java under '$home' (set CATALOG_ES_JAVA_HOME to a JDK 17+)"
  echo "$home"
}

# Fetches the zip with Maven (its own local repository under $ES_DL, so an empty download cache
# really is cold) and extracts it once; later starts reuse the extracted distribution.
es_fetch() {
  [[ -f $ES_HOME_DIR/.complete ]] && return 0
  command -v mvn >/dev/null || die "mvn not found; install Maven (apt-get install maven) to fetch Elasticsearch"
  command -v unzip >/dev/null || {
    say "unzip not found; installing Debian's unzip package"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y unzip; } >"$ES_DL.apt.log" 2>&1 \
      || die "apt-get install unzip failed; see $ES_DL.apt.log"
  }
  mkdir -p "$ES_DL"
  local zip="$ES_DL/elasticsearch-$ES_VERSION.zip"
  if [[ ! -s $zip ]]; then
    say "fetching org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip from Maven Central (~107 MB; log: $ES_DL/mvn.log)"
    mvn -B -q -Dmaven.repo.local="$ES_DL/m2" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" -DoutputDirectory="$ES_DL" \
      >"$ES_DL/mvn.log" 2>&1 || die "Maven could not fetch Elasticsearch $ES_VERSION; last lines of $ES_DL/mvn.log:
$(tail -n 20 "$ES_DL/mvn.log")"
    # The copy above is what we keep; drop the duplicate in the private local repository.
    rm -rf "$ES_DL/m2/org/elasticsearch"
  fi
  rm -rf "$ES_HOME_DIR" "$ES_DL/unpack" && mkdir -p "$ES_DL/unpack"
  unzip -q "$zip" -d "$ES_DL/unpack" || die "could not extract $zip (remove it to download again)"
  mv "$ES_DL/unpack/elasticsearch-$ES_VERSION" "$ES_HOME_DIR" && rmdir "$ES_DL/unpack"
  [[ -x $ES_HOME_DIR/bin/elasticsearch ]] || die "no bin/elasticsearch in $zip"
  touch "$ES_HOME_DIR/.complete"
}

# Runs a command as the node's user: ourselves, or catalog-services when we are root.
es_as_user() { if [[ $(id -u) -eq 0 ]]; then runuser -u "$ES_USER" -- "$@"; else "$@"; fi; }

es_health() { curl -fsS -m 3 "$ES_URL/_cluster/health" 2>/dev/null; }
es_answers() { es_health | grep -Eq '"status":"(green|yellow)"'; }

es_pid() { [[ -s $ES_DIR/es.pid ]] && kill -0 "$(cat "$ES_DIR/es.pid")" 2>/dev/null && cat "$ES_DIR/es.pid"; }

es_log_tail() {
  grep -q 'Address already in use' "$ES_DIR/console.log" 2>/dev/null \
    && echo "port $ES_PORT or $ES_TRANSPORT_PORT is taken by another process (ss -ltnp | grep -E '$ES_PORT|$ES_TRANSPORT_PORT');"
  echo "last lines of $ES_DIR/console.log:"
  tail -n 30 "$ES_DIR/console.log" 2>/dev/null | cut -c1-400
}

# Writes the node's config directory (settings, heap, logging) afresh on every start.
es_configure() {
  mkdir -p "$ES_DIR"/{config,data,logs,tmp}
  rm -rf "$ES_DIR/config" && cp -r "$ES_HOME_DIR/config" "$ES_DIR/config"
  cat >"$ES_DIR/config/elasticsearch.yml" <<EOF
# Written by scripts/services.d/elasticsearch.sh on every start; edits here are lost.
cluster.name: catalog-test
node.name: catalog-test-1
discovery.type: single-node
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $ES_TRANSPORT_PORT
path.data: $ES_DIR/data
path.logs: $ES_DIR/logs
xpack.security.enabled: false
# A nearly full disk on a developer machine must not turn test indices read-only.
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  printf -- '-Xms%s\n-Xmx%s\n' "$ES_HEAP" "$ES_HEAP" >"$ES_DIR/config/jvm.options.d/heap.options"
  # C1 only: on two cores a test node starts much faster without C2, and its workload is small.
  printf -- '-XX:TieredStopAtLevel=1\n' >"$ES_DIR/config/jvm.options.d/startup.options"
  # No GC log files in the data directory of a test node.
  sed -i 's/^-Xlog:gc\*.*$/-Xlog:disable/' "$ES_DIR/config/jvm.options"
  if [[ $(id -u) -eq 0 ]]; then
    id -u "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$ES_USER" || die "could not create the system user $ES_USER (Elasticsearch refuses to run as root)"
    chown -R "$ES_USER": "$ES_DIR"
    es_as_user test -x "$ES_HOME_DIR/bin/elasticsearch" \
      || die "user $ES_USER cannot reach $ES_HOME_DIR (every parent directory must be world-executable), or set CATALOG_DOWNLOADS_DIR elsewhere"
  fi
}

elasticsearch_up() {
  if es_answers; then
    say "elasticsearch already answers on $ES_URL"
  else
    es_pid >/dev/null && die "an elasticsearch started earlier (pid $(cat "$ES_DIR/es.pid")) runs but is not healthy; stop it with scripts/services down elasticsearch"
    es_fetch
    local java_home i pid="" t0=$SECONDS
    java_home="$(es_java_home)"
    es_configure
    rm -f "$ES_DIR/es.pid"
    say "starting Elasticsearch $ES_VERSION on $ES_URL (heap $ES_HEAP; log: $ES_DIR/console.log)"
    # setsid: its own session, so it outlives this script; -p: the server JVM's pid, for `down`.
    local as=(); [[ $(id -u) -eq 0 ]] && as=(runuser -u "$ES_USER" --)
    (cd "$ES_DIR" && exec setsid "${as[@]}" env ES_JAVA_HOME="$java_home" ES_PATH_CONF="$ES_DIR/config" \
      ES_TMPDIR="$ES_DIR/tmp" ES_JAVA_OPTS="${CATALOG_ES_JAVA_OPTS:-}" \
      "$ES_HOME_DIR/bin/elasticsearch" -p "$ES_DIR/es.pid" </dev/null >"$ES_DIR/console.log" 2>&1 &
      echo $! >"$ES_DIR/launcher.pid")
    local launcher; launcher="$(cat "$ES_DIR/launcher.pid")"
    for ((i = 0; i < ES_START_TIMEOUT * 2; i++)); do
      es_answers && break
      kill -0 "$launcher" 2>/dev/null || die "Elasticsearch exited during start-up; $(es_log_tail)"
      sleep 0.5
    done
    es_answers || die "Elasticsearch did not report yellow/green on $ES_URL/_cluster/health within ${ES_START_TIMEOUT}s (stop it with scripts/services down elasticsearch); $(es_log_tail)"
    say "elasticsearch answered $((SECONDS - t0))s after launch"
  fi
  say "elasticsearch is up; use:"
  echo "CATALOG_TEST_ELASTICSEARCH_URL=$ES_URL"
}

elasticsearch_down() {
  local pid i launcher=""
  [[ -s $ES_DIR/launcher.pid ]] && launcher="$(cat "$ES_DIR/launcher.pid")"
  if pid="$(es_pid)"; then
    kill "$pid"
    for ((i = 0; i < 120; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    [[ -n $launcher ]] && for ((i = 0; i < 20; i++)); do kill -0 "$launcher" 2>/dev/null || break; sleep 0.25; done
    rm -f "$ES_DIR/es.pid" "$ES_DIR/launcher.pid"
    say "elasticsearch stopped (indices kept in $ES_DIR/data; remove it for an empty node)"
  else
    # A launcher that never got as far as writing the server's pid.
    [[ -n $launcher ]] && kill -0 "$launcher" 2>/dev/null && kill -- "-$launcher" 2>/dev/null
    rm -f "$ES_DIR/es.pid" "$ES_DIR/launcher.pid"
    es_answers && die "something answers on $ES_URL but was not started by scripts/services"
    say "elasticsearch is not running"
  fi
}

elasticsearch_status() {
  local health
  if health="$(es_health)" && [[ $health =~ \"status\":\"(green|yellow)\" ]]; then
    echo "elasticsearch: up  $ES_URL (Elasticsearch $ES_VERSION, cluster ${BASH_REMATCH[1]})"
  else
    echo "elasticsearch: down"; return 1
  fi
}
