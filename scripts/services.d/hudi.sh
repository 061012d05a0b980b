# shellcheck shell=bash
# Sourced by scripts/services.
ENGINES+=(hudi)

# --- hudi: the hudi-rs Python binding (PyPI `hudi`) as a cross-check reader, no daemon ----------
# `up` prepares $CACHE/hudi/venv with the pinned reader and pyarrow; the services test reads the
# committed fixtures under test/fixtures/hudi with it. The wheels are kept in a wheelhouse,
# $DOWNLOADS/wheels/hudi-<version> (pip's HTTP cache does not keep the registry's downloads here),
# and installed from it with --no-index, so a reinstall needs no network.
HUDI_RS_VERSION=0.5.0      # table version 8 (Hudi 1.x) needs >= 0.5.0
HUDI_PYARROW_VERSION=21.0.0
HUDI_DIR="$CACHE/hudi"
HUDI_VENV="$HUDI_DIR/venv"
HUDI_WHEELS="$DOWNLOADS/wheels/hudi-$HUDI_RS_VERSION-pyarrow-$HUDI_PYARROW_VERSION"

hudi_ready() {
  [[ -x $HUDI_VENV/bin/python ]] && "$HUDI_VENV/bin/python" - "$HUDI_RS_VERSION" 2>/dev/null <<'PY'
import sys
from importlib.metadata import version
import hudi, pyarrow  # noqa: F401
sys.exit(0 if version("hudi") == sys.argv[1] else 1)
PY
}

hudi_up() {
  if hudi_ready; then
    say "hudi reader $HUDI_RS_VERSION already installed in $HUDI_VENV"
  else
    local py start=$SECONDS constraints=()
    py="$(command -v python3.11 || command -v python3)" || die "hudi needs Python 3"
    mkdir -p "$HUDI_DIR" "$DOWNLOADS/pip"
    [[ -f /etc/xdg/pip/constraints.txt ]] && constraints=(-c /etc/xdg/pip/constraints.txt)
    say "installing hudi==$HUDI_RS_VERSION (hudi-rs) into $HUDI_VENV (log: $HUDI_DIR/install.log)"
    local specs=("hudi==$HUDI_RS_VERSION" "pyarrow==$HUDI_PYARROW_VERSION")
    {
      "$py" -m venv --clear "$HUDI_VENV" &&
      if [[ ! -f $HUDI_WHEELS/.complete ]]; then
        PIP_CACHE_DIR="$DOWNLOADS/pip" "$HUDI_VENV/bin/pip" download -d "$HUDI_WHEELS" "${constraints[@]}" "${specs[@]}" &&
          touch "$HUDI_WHEELS/.complete"
      fi &&
      PIP_CACHE_DIR="$DOWNLOADS/pip" "$HUDI_VENV/bin/pip" install --no-index --find-links "$HUDI_WHEELS" \
        "${constraints[@]}" "${specs[@]}"
    } >"$HUDI_DIR/install.log" 2>&1 || die "pip install failed; see $HUDI_DIR/install.log"
    hudi_ready || die "installed, but $HUDI_VENV cannot import hudi $HUDI_RS_VERSION"
    say "hudi reader installed in $(( SECONDS - start )) s"
  fi
  echo "HUDI_PYTHON=$HUDI_VENV/bin/python"
}

hudi_down() { say "hudi has no daemon; remove $HUDI_VENV to uninstall"; }

hudi_status() {
  if hudi_ready; then echo "hudi: ready  $HUDI_VENV/bin/python (hudi $HUDI_RS_VERSION)"
  else echo "hudi: not installed (scripts/services up hudi)"; return 1; fi
}
