# shellcheck shell=bash
# Sourced by scripts/services.
ENGINES+=(datahub-cli)

# --- datahub-cli: DataHub's Python CLI (acryl-datahub) in its own virtualenv, no daemon ---------
# `up` installs the pinned CLI with the extras the tests use (datahub-rest sink, postgres source)
# into $CACHE/datahub-cli/venv. The registry's downloads are not kept by pip's HTTP cache here, so
# `up` first fills a wheelhouse, $DOWNLOADS/wheels/datahub-cli-<version> (pip download), then
# installs from it with --no-index: a reinstall needs no network. pip's cache is $DOWNLOADS/pip.
# pip's machine-wide configuration (and a constraints file, if the machine has one) applies.
DATAHUB_CLI_VERSION=1.7.0.17
DATAHUB_CLI_SPEC="acryl-datahub[datahub-rest,postgres]==$DATAHUB_CLI_VERSION"
DATAHUB_CLI_DIR="$CACHE/datahub-cli"
DATAHUB_CLI_VENV="$DATAHUB_CLI_DIR/venv"
DATAHUB_CLI_BIN="$DATAHUB_CLI_VENV/bin/datahub"
DATAHUB_CLI_WHEELS="$DOWNLOADS/wheels/datahub-cli-$DATAHUB_CLI_VERSION"

datahub_cli_python() {
  local py
  for py in python3.11 python3.12 python3.10 python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
      echo "$py"; return
    fi
  done
  die "datahub-cli needs Python >= 3.10"
}

# Prints the installed version, or fails when the CLI is missing or not the pinned one.
datahub_cli_installed() {
  [[ -x $DATAHUB_CLI_BIN ]] || return 1
  local v
  v="$("$DATAHUB_CLI_VENV/bin/python" -c 'from importlib.metadata import version; print(version("acryl-datahub"))' 2>/dev/null)" || return 1
  [[ $v == "$DATAHUB_CLI_VERSION" ]] || return 1
  echo "$v"
}

datahub-cli_up() {
  if datahub_cli_installed >/dev/null; then
    say "datahub-cli $DATAHUB_CLI_VERSION already installed in $DATAHUB_CLI_VENV"
  else
    local py constraints=() start=$SECONDS
    py="$(datahub_cli_python)"
    mkdir -p "$DATAHUB_CLI_DIR" "$DOWNLOADS/pip"
    [[ -f /etc/xdg/pip/constraints.txt ]] && constraints=(-c /etc/xdg/pip/constraints.txt)
    say "installing $DATAHUB_CLI_SPEC into $DATAHUB_CLI_VENV (log: $DATAHUB_CLI_DIR/install.log)"
    {
      "$py" -m venv --clear "$DATAHUB_CLI_VENV" &&
      if [[ ! -f $DATAHUB_CLI_WHEELS/.complete ]]; then
        PIP_CACHE_DIR="$DOWNLOADS/pip" "$DATAHUB_CLI_VENV/bin/pip" download -d "$DATAHUB_CLI_WHEELS" \
          "${constraints[@]}" "$DATAHUB_CLI_SPEC" && touch "$DATAHUB_CLI_WHEELS/.complete"
      fi &&
      PIP_CACHE_DIR="$DOWNLOADS/pip" "$DATAHUB_CLI_VENV/bin/pip" install --no-index --find-links "$DATAHUB_CLI_WHEELS" \
        "${constraints[@]}" "$DATAHUB_CLI_SPEC"
    } >"$DATAHUB_CLI_DIR/install.log" 2>&1 || die "pip install failed; see $DATAHUB_CLI_DIR/install.log"
    datahub_cli_installed >/dev/null || die "installed, but $DATAHUB_CLI_BIN does not report $DATAHUB_CLI_VERSION"
    say "datahub-cli installed in $(( SECONDS - start )) s"
  fi
  echo "DATAHUB_CLI=$DATAHUB_CLI_BIN"
}

datahub-cli_down() { say "datahub-cli has no daemon; remove $DATAHUB_CLI_VENV to uninstall"; }

datahub-cli_status() {
  if datahub_cli_installed >/dev/null; then
    echo "datahub-cli: ready  $DATAHUB_CLI_BIN  $("$DATAHUB_CLI_BIN" --version 2>/dev/null | tail -n 1)"
  else
    echo "datahub-cli: not installed (scripts/services up datahub-cli)"; return 1
  fi
}
