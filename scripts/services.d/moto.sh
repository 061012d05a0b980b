# shellcheck shell=bash
# Sourced by scripts/services.
ENGINES+=(moto)

# --- moto: moto_server (AWS Glue Data Catalog, Glue Schema Registry, S3, ...) on 127.0.0.1:55000 -
# From a project-owned virtualenv (pinned moto from PyPI), so it never depends on whatever moto the
# machine may have. Its wheels are cached under $DOWNLOADS, so rebuilding the venv is fast and offline.
MOTO_VERSION="${CATALOG_MOTO_VERSION:-5.2.5}"
MOTO_PORT=55000
MOTO_DIR="$CACHE/moto"
MOTO_VENV="$MOTO_DIR/venv-$MOTO_VERSION"
MOTO_URL="http://127.0.0.1:$MOTO_PORT"
MOTO_START_TIMEOUT="${CATALOG_MOTO_START_TIMEOUT:-60}"

moto_python() {
  local py
  for py in ${CATALOG_MOTO_PYTHON:+"$CATALOG_MOTO_PYTHON"} python3.11 python3; do
    command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys, venv; sys.exit(sys.version_info < (3, 9))' 2>/dev/null \
      && { command -v "$py"; return 0; }
  done
  die "no Python >= 3.9 with the venv module found (Debian: apt-get install python3-venv)"
}

# pip's HTTP cache turned out not to be reused here (pip 23.2 wrote nothing to it), so the wheels
# themselves are the download cache: `pip wheel` once into $DOWNLOADS/moto/wheels-<version>, then
# every venv is installed from there with --no-index (no network, ~20 s instead of ~70-140 s).
moto_venv() {
  [[ -f $MOTO_VENV/.complete && -x $MOTO_VENV/bin/moto_server ]] && return 0
  local py wheels="$DOWNLOADS/moto/wheels-$MOTO_VERSION" req="moto[server,glue,s3]==$MOTO_VERSION"
  py="$(moto_python)"
  mkdir -p "$MOTO_DIR" "$DOWNLOADS/pip"
  rm -rf "$MOTO_VENV"
  say "creating $MOTO_VENV with $req (log: $MOTO_DIR/pip.log)"
  {
    "$py" -m venv "$MOTO_VENV" || exit 1
    export PIP_CACHE_DIR="$DOWNLOADS/pip" PIP_DISABLE_PIP_VERSION_CHECK=1
    if [[ ! -f $wheels/.complete ]]; then
      echo "== fetching wheels into $wheels"
      rm -rf "$wheels" && mkdir -p "$wheels" && "$MOTO_VENV/bin/pip" wheel -w "$wheels" "$req" && touch "$wheels/.complete" || exit 1
    fi
    echo "== installing from $wheels"
    "$MOTO_VENV/bin/pip" install --no-compile --no-index --find-links "$wheels" "$req"
  } >"$MOTO_DIR/pip.log" 2>&1 || die "could not install moto $MOTO_VERSION; last lines of $MOTO_DIR/pip.log:
$(tail -n 20 "$MOTO_DIR/pip.log")"
  touch "$MOTO_VENV/.complete"
}

# /moto-api/ is moto's own dashboard/API; answering it means the Flask app is serving.
moto_answers() { curl -fsS -m 3 -o /dev/null "$MOTO_URL/moto-api/" 2>/dev/null; }

moto_pid() { [[ -f $MOTO_DIR/pid ]] && kill -0 "$(cat "$MOTO_DIR/pid")" 2>/dev/null && cat "$MOTO_DIR/pid"; }

moto_up() {
  # Concurrent `up`s wait for each other instead of starting two servers (the fd is closed in the
  # server process, so the lock ends with this script).
  local lock
  mkdir -p "$MOTO_DIR"
  exec {lock}>"$MOTO_DIR/.start.lock"
  flock -w 600 "$lock" || die "another 'scripts/services up moto' has held $MOTO_DIR/.start.lock for 10 minutes"
  if moto_answers; then
    say "moto already answers on $MOTO_URL"
  else
    moto_venv
    local pid i t0=$SECONDS
    say "starting moto_server $MOTO_VERSION on $MOTO_URL (in-memory; log: $MOTO_DIR/moto.log)"
    (cd "$MOTO_DIR" && exec setsid "$MOTO_VENV/bin/moto_server" -H 127.0.0.1 -p "$MOTO_PORT" \
      </dev/null >"$MOTO_DIR/moto.log" 2>&1 {lock}>&- &
      echo $! >"$MOTO_DIR/pid")
    pid="$(cat "$MOTO_DIR/pid")"
    for ((i = 0; i < MOTO_START_TIMEOUT * 4; i++)); do
      moto_answers && break
      kill -0 "$pid" 2>/dev/null || die "moto_server exited during start-up; last lines of $MOTO_DIR/moto.log:
$(tail -n 30 "$MOTO_DIR/moto.log")"
      sleep 0.25
    done
    moto_answers || die "moto_server did not answer on $MOTO_URL/moto-api/ within ${MOTO_START_TIMEOUT}s (pid $pid still running; stop it with scripts/services down moto); last lines of $MOTO_DIR/moto.log:
$(tail -n 30 "$MOTO_DIR/moto.log")"
    say "moto answered after $((SECONDS - t0))s"
  fi
  exec {lock}>&-
  say "moto is up; use (any region, dummy credentials; reset state with POST $MOTO_URL/moto-api/reset):"
  echo "AWS_ENDPOINT_URL=$MOTO_URL"
  echo "AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1"
}

moto_down() {
  local pid i
  if pid="$(moto_pid)"; then
    kill "$pid"
    for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    rm -f "$MOTO_DIR/pid"
    say "moto stopped (in-memory: its state is gone)"
  else
    rm -f "$MOTO_DIR/pid"
    moto_answers && die "something answers on $MOTO_URL but was not started by scripts/services"
    say "moto is not running"
  fi
}

moto_status() {
  if moto_answers; then echo "moto: up  $MOTO_URL (moto $MOTO_VERSION; dashboard $MOTO_URL/moto-api/)"; else echo "moto: down"; return 1; fi
}
