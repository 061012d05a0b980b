# shellcheck shell=bash
# Sourced by scripts/services.
ENGINES+=(schema-registry)

# --- schema-registry: Apicurio Registry (Quarkus fast-jar from Maven Central), in-memory -------
# Native API /apis/registry/v2 and /v3, Confluent-compatible API /apis/ccompat/v7 (and /v8).
# The app is io.apicurio:apicurio-registry-app:<v>:tar.gz:all; from 3.3.0 on quarkus-run.jar sits at
# the top of the archive (3.1.x-3.2.x: under quarkus-app/; 3.0.x: a legacy *-runner.jar), so the
# jar is looked up rather than assumed.
SR_VERSION="${CATALOG_APICURIO_VERSION:-3.3.3}"
SR_PORT=58081
SR_MGMT_PORT=58091 # Quarkus management interface (health, metrics); fixed so it never takes 9000
SR_DIR="$CACHE/schema-registry"
SR_DL="$DOWNLOADS/apicurio"
SR_APP="$SR_DL/app-$SR_VERSION"
SR_URL="http://127.0.0.1:$SR_PORT"
SR_HEAP="${CATALOG_APICURIO_XMX:-384m}"
SR_START_TIMEOUT="${CATALOG_APICURIO_START_TIMEOUT:-120}"

# Apicurio Registry 3.3.x is compiled for Java 21 (class file 65), although its pom says release 17:
# on Java 17 it fails with UnsupportedClassVersionError. Pick the first Java >= 21 among
# $CATALOG_APICURIO_JAVA, $JAVA_HOME, the PATH and /usr/lib/jvm (Temurin 25 on the project machines).
sr_java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | sed 's/^1\.//'; }
sr_java() {
  local cand major
  for cand in ${CATALOG_APICURIO_JAVA:+"$CATALOG_APICURIO_JAVA"} ${JAVA_HOME:+"$JAVA_HOME/bin/java"} \
      "$(command -v java 2>/dev/null)" /usr/lib/jvm/*/bin/java; do
    [[ -n $cand && -x $cand ]] || continue
    major="$(sr_java_major "$cand")"
    [[ $major =~ ^[0-9]+$ ]] && ((major >= 21)) && { echo "$cand"; return 0; }
  done
  die "Apicurio Registry $SR_VERSION needs Java 21+ and none was found (looked at \$CATALOG_APICURIO_JAVA, \$JAVA_HOME, PATH, /usr/lib/jvm/*); install one, e.g. apt-get install openjdk-21-jre-headless where available, and/or set CATALOG_APICURIO_JAVA=/path/to/bin/java"
}

# Prints the path of the runnable jar inside an extracted archive (any of the three layouts).
sr_jar() {
  local jar
  for jar in "$SR_APP/quarkus-run.jar" "$SR_APP/quarkus-app/quarkus-run.jar" "$SR_APP"/apicurio-registry-app-*-runner.jar; do
    [[ -f $jar ]] && { echo "$jar"; return 0; }
  done
  return 1
}

# Fetches the archive with Maven (its own local repository under $SR_DL, so an empty download cache
# really is cold) and extracts it once; later starts reuse the extracted app.
sr_fetch() {
  [[ -f $SR_APP/.complete ]] && sr_jar >/dev/null && return 0
  command -v mvn >/dev/null || die "mvn not found; install Maven (apt-get install maven) to fetch Apicurio Registry"
  mkdir -p "$SR_DL"
  local tgz="$SR_DL/apicurio-registry-app-$SR_VERSION-all.tar.gz"
  if [[ ! -s $tgz ]]; then
    say "fetching io.apicurio:apicurio-registry-app:$SR_VERSION:tar.gz:all from Maven Central (~160 MB; log: $SR_DL/mvn.log)"
    mvn -B -q -Dmaven.repo.local="$SR_DL/m2" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="io.apicurio:apicurio-registry-app:$SR_VERSION:tar.gz:all" -DoutputDirectory="$SR_DL" \
      >"$SR_DL/mvn.log" 2>&1 || die "Maven could not fetch Apicurio Registry $SR_VERSION; last lines of $SR_DL/mvn.log:
$(tail -n 20 "$SR_DL/mvn.log")"
    # The copy above is what we keep; drop the duplicate in the private local repository.
    rm -rf "$SR_DL/m2/io/apicurio"
  fi
  rm -rf "$SR_APP" && mkdir -p "$SR_APP"
  tar -xzf "$tgz" -C "$SR_APP" || die "could not extract $tgz (remove it to download again)"
  sr_jar >/dev/null || die "no quarkus-run.jar or *-runner.jar found in $tgz"
  touch "$SR_APP/.complete"
  rm -f "$tgz" # the extracted app is the cache; keeping the archive too would double its 160 MB
}

sr_answers() { curl -fsS -m 3 -o /dev/null "$SR_URL/apis/ccompat/v7/subjects" 2>/dev/null; }

sr_pid() { [[ -f $SR_DIR/pid ]] && kill -0 "$(cat "$SR_DIR/pid")" 2>/dev/null && cat "$SR_DIR/pid"; }

schema-registry_up() {
  # Concurrent `up`s wait for each other instead of starting two servers (the fd is closed in the
  # server process, so the lock ends with this script).
  local lock
  mkdir -p "$SR_DIR"
  exec {lock}>"$SR_DIR/.start.lock"
  flock -w 600 "$lock" || die "another 'scripts/services up schema-registry' has held $SR_DIR/.start.lock for 10 minutes"
  if sr_answers; then
    say "schema-registry already answers on $SR_URL"
  else
    sr_fetch
    local java jar pid i t0=$SECONDS
    java="$(sr_java)"; jar="$(sr_jar)"
    # Start-up on 2 busy cores: C1 only (TieredStopAtLevel=1) and a dynamic AppCDS archive written
    # at the first clean exit and reused afterwards (per JVM version, next to the app) cut it from
    # ~16-20 s to ~4-5 s. A test registry never needs C2's peak throughput.
    local cds; cds="$SR_APP/cds-java$(sr_java_major "$java").jsa"
    mkdir -p "$SR_DIR"
    say "starting Apicurio Registry $SR_VERSION on $SR_URL (in-memory; log: $SR_DIR/registry.log)"
    # setsid: its own process group, so it outlives this script and `down` can stop it alone.
    (cd "$SR_DIR" && exec setsid "$java" -Xms64m -Xmx"$SR_HEAP" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$cds" \
      -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$SR_PORT" \
      -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$SR_MGMT_PORT" \
      -Dapicurio.rest.deletion.artifact.enabled=true \
      -Dapicurio.rest.deletion.artifact-version.enabled=true \
      -Dapicurio.rest.deletion.group.enabled=true \
      -jar "$jar" </dev/null >"$SR_DIR/registry.log" 2>&1 {lock}>&- &
      echo $! >"$SR_DIR/pid")
    pid="$(cat "$SR_DIR/pid")"
    for ((i = 0; i < SR_START_TIMEOUT * 2; i++)); do
      sr_answers && break
      kill -0 "$pid" 2>/dev/null || die "Apicurio Registry exited during start-up; last lines of $SR_DIR/registry.log:
$(tail -n 30 "$SR_DIR/registry.log")"
      sleep 0.5
    done
    sr_answers || die "Apicurio Registry did not answer on $SR_URL/apis/ccompat/v7/subjects within ${SR_START_TIMEOUT}s (pid $pid still running; stop it with scripts/services down schema-registry); last lines of $SR_DIR/registry.log:
$(tail -n 30 "$SR_DIR/registry.log")"
    say "schema-registry answered after $((SECONDS - t0))s"
  fi
  exec {lock}>&-
  say "schema-registry is up; use:"
  echo "CATALOG_TEST_SCHEMA_REGISTRY_URL=$SR_URL/apis/ccompat/v7"
  echo "CATALOG_TEST_APICURIO_URL=$SR_URL/apis/registry/v3"
}

schema-registry_down() {
  local pid i
  if pid="$(sr_pid)"; then
    kill "$pid"
    # A clean exit also writes the AppCDS archive on the first run, which takes a few seconds.
    for ((i = 0; i < 120; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    rm -f "$SR_DIR/pid"
    say "schema-registry stopped (in-memory storage: its schemas are gone)"
  else
    rm -f "$SR_DIR/pid"
    sr_answers && die "something answers on $SR_URL but was not started by scripts/services"
    say "schema-registry is not running"
  fi
}

schema-registry_status() {
  if sr_answers; then echo "schema-registry: up  $SR_URL (ccompat /apis/ccompat/v7, native /apis/registry/v2 and /v3)"; else echo "schema-registry: down"; return 1; fi
}
