# shellcheck shell=bash
# Sourced by scripts/services.
ENGINES+=(neo4j)

# --- neo4j: Neo4j 5 community, embedded, Bolt on 127.0.0.1:57687, authentication off -----------
# org.neo4j:neo4j + org.neo4j:neo4j-bolt from Maven Central (scripts/services.d/neo4j/pom.xml),
# started by the project's own main (scripts/services.d/neo4j/Neo4jBolt.java, compiled once into
# $CACHE/neo4j/classes) through the embedded DatabaseManagementService with the Bolt connector on.
# The health check is a real Bolt session: neo4j-driver from node_modules runs RETURN 1.
NEO4J_SRC="$ROOT/scripts/services.d/neo4j"
NEO4J_PORT=57687
NEO4J_DIR="$CACHE/neo4j"
NEO4J_DL="$DOWNLOADS/neo4j"
NEO4J_URL="bolt://127.0.0.1:$NEO4J_PORT"
NEO4J_HEAP="${CATALOG_NEO4J_HEAP:-512m}"
NEO4J_PAGECACHE_MB="${CATALOG_NEO4J_PAGECACHE_MB:-128}"
NEO4J_START_TIMEOUT="${CATALOG_NEO4J_START_TIMEOUT:-180}"

neo4j_version() { sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$NEO4J_SRC/pom.xml"; }

# The classpath file written by Maven (jars stay in the private local repository under $NEO4J_DL,
# so an empty download cache really is cold and nothing is copied twice).
neo4j_classpath_file() { echo "$NEO4J_DL/classpath-$(neo4j_version).txt"; }

neo4j_fetch() {
  local cp_file; cp_file="$(neo4j_classpath_file)"
  if [[ -s $cp_file ]]; then
    local jar missing=0
    while IFS= read -r -d: jar; do [[ -f $jar ]] || { missing=1; break; }; done < <(tr -d '\n' <"$cp_file"; echo -n :)
    ((missing)) || return 0
    say "some jars of $cp_file are gone; resolving again"
  fi
  command -v mvn >/dev/null || die "mvn not found; install Maven (apt-get install maven) to fetch Neo4j"
  mkdir -p "$NEO4J_DL"
  say "resolving org.neo4j:neo4j + neo4j-bolt $(neo4j_version) from Maven Central (~125 MB; log: $NEO4J_DL/mvn.log)"
  mvn -B -q -f "$NEO4J_SRC/pom.xml" -Dmaven.repo.local="$NEO4J_DL/m2" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile="$cp_file.tmp" -Dmdep.includeScope=runtime >"$NEO4J_DL/mvn.log" 2>&1 \
    || die "Maven could not resolve Neo4j $(neo4j_version); last lines of $NEO4J_DL/mvn.log:
$(tail -n 20 "$NEO4J_DL/mvn.log")"
  mv "$cp_file.tmp" "$cp_file"
}

# Compiles Neo4jBolt.java when the class is missing or older than the source or the classpath.
neo4j_compile() {
  local classes="$NEO4J_DIR/classes" cp_file; cp_file="$(neo4j_classpath_file)"
  if [[ ! -f $classes/Neo4jBolt.class || $NEO4J_SRC/Neo4jBolt.java -nt $classes/Neo4jBolt.class \
      || $cp_file -nt $classes/Neo4jBolt.class ]]; then
    command -v javac >/dev/null || die "javac not found; install a JDK 17+ (apt-get install openjdk-17-jdk-headless)"
    rm -rf "$classes" && mkdir -p "$classes"
    javac -nowarn -cp "$(cat "$cp_file")" -d "$classes" "$NEO4J_SRC/Neo4jBolt.java" >"$NEO4J_DIR/javac.log" 2>&1 \
      || die "javac failed on $NEO4J_SRC/Neo4jBolt.java; see $NEO4J_DIR/javac.log"
  fi
}

# A real Bolt round trip through neo4j-driver; quiet unless $1 is "loud".
neo4j_answers() {
  local driver="$ROOT/node_modules/neo4j-driver"
  [[ -d $driver ]] || die "neo4j-driver is not installed (run npm ci); it is the health check of neo4j"
  NEO4J_DRIVER="$driver" NEO4J_URL="$NEO4J_URL" timeout 20 node -e '
    const neo4j = require(process.env.NEO4J_DRIVER);
    const driver = neo4j.driver(process.env.NEO4J_URL, neo4j.auth.none(), { connectionTimeout: 3000, maxConnectionLifetime: 10000 });
    driver.executeQuery("RETURN 1 AS one")
      .then(async (r) => {
        if (r.records[0].get("one").toNumber() !== 1) throw new Error("RETURN 1 did not return 1");
        if (process.argv[1] === "loud") console.log((await driver.getServerInfo()).agent);
      })
      .catch((e) => { if (process.argv[1] === "loud") console.error(e.message); process.exitCode = 1; })
      .finally(() => driver.close());
  ' "${1:-quiet}" 2>/dev/null
}

neo4j_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$NEO4J_PORT") 2>/dev/null; }

neo4j_pid() { [[ -s $NEO4J_DIR/pid ]] && kill -0 "$(cat "$NEO4J_DIR/pid")" 2>/dev/null && cat "$NEO4J_DIR/pid"; }

neo4j_log_tail() {
  grep -q 'Address already in use' "$NEO4J_DIR/neo4j.log" 2>/dev/null \
    && echo "port $NEO4J_PORT is taken by another process (ss -ltnp | grep $NEO4J_PORT);"
  echo "last lines of $NEO4J_DIR/neo4j.log:"
  tail -n 30 "$NEO4J_DIR/neo4j.log" 2>/dev/null | cut -c1-400
}

neo4j_up() {
  if neo4j_port_open && neo4j_answers; then
    say "neo4j already answers on $NEO4J_URL"
  else
    neo4j_pid >/dev/null && die "a neo4j started earlier (pid $(cat "$NEO4J_DIR/pid")) runs but does not answer Bolt; stop it with scripts/services down neo4j"
    local t0 i pid cp_file
    mkdir -p "$NEO4J_DIR"
    neo4j_fetch
    neo4j_compile
    t0=$SECONDS
    cp_file="$(neo4j_classpath_file)"
    say "starting Neo4j $(neo4j_version) community (embedded) on $NEO4J_URL (heap $NEO4J_HEAP, page cache ${NEO4J_PAGECACHE_MB} MiB; log: $NEO4J_DIR/neo4j.log)"
    # setsid: its own session, so it outlives this script and `down` can stop it alone.
    (cd "$NEO4J_DIR" && exec setsid java -Xms256m -Xmx"$NEO4J_HEAP" -XX:+UseG1GC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError \
      -cp "$NEO4J_DIR/classes:$(cat "$cp_file")" Neo4jBolt "$NEO4J_DIR/home" "$NEO4J_PORT" "$NEO4J_PAGECACHE_MB" \
      </dev/null >"$NEO4J_DIR/neo4j.log" 2>&1 &
      echo $! >"$NEO4J_DIR/pid")
    pid="$(cat "$NEO4J_DIR/pid")"
    for ((i = 0; i < NEO4J_START_TIMEOUT * 2; i++)); do
      kill -0 "$pid" 2>/dev/null || die "Neo4j exited during start-up; $(neo4j_log_tail)"
      grep -q 'BOLT READY' "$NEO4J_DIR/neo4j.log" 2>/dev/null && neo4j_port_open && neo4j_answers && break
      sleep 0.5
    done
    neo4j_answers || die "Neo4j did not answer a Bolt RETURN 1 on $NEO4J_URL within ${NEO4J_START_TIMEOUT}s (pid $pid still running; stop it with scripts/services down neo4j); $(neo4j_log_tail)"
    say "neo4j answered $((SECONDS - t0))s after launch"
  fi
  say "neo4j is up (no authentication; any credentials or neo4j.auth.none() work); use:"
  echo "CATALOG_TEST_NEO4J_URL=$NEO4J_URL"
}

neo4j_down() {
  local pid i
  if pid="$(neo4j_pid)"; then
    kill "$pid"
    for ((i = 0; i < 120; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    rm -f "$NEO4J_DIR/pid"
    say "neo4j stopped (graph kept in $NEO4J_DIR/home; remove it for an empty database)"
  else
    rm -f "$NEO4J_DIR/pid"
    neo4j_port_open && die "something listens on 127.0.0.1:$NEO4J_PORT but was not started by scripts/services"
    say "neo4j is not running"
  fi
}

neo4j_status() {
  local agent
  if neo4j_port_open && agent="$(neo4j_answers loud)"; then
    echo "neo4j: up  $NEO4J_URL ($agent, no authentication)"
  else
    echo "neo4j: down"; return 1
  fi
}
