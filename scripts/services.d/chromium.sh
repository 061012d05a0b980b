# shellcheck shell=bash
# Sourced by scripts/services.
ENGINES+=(chromium)

# --- chromium: Debian's headless-capable Chromium for the web UI's end-to-end tests -------------
# No daemon: the tests (test/web/*.services.test.ts, bench/lineage-ui) launch it themselves through
# playwright-core, which downloads no browser. `up` installs Debian's `chromium` package when it
# is missing (apt-get; needs root or sudo); `status` prints the binary the tests will use.
# $CATALOG_CHROMIUM overrides the binary.
CHROMIUM_DIR="$CACHE/chromium"

chromium_bin() {
  local b
  for b in ${CATALOG_CHROMIUM:+"$CATALOG_CHROMIUM"} /usr/bin/chromium /usr/bin/chromium-browser; do
    [[ -x $b ]] && { echo "$b"; return 0; }
  done
  return 1
}

chromium_up() {
  local lock
  mkdir -p "$CHROMIUM_DIR"
  exec {lock}>"$CHROMIUM_DIR/.install.lock"
  flock -w 900 "$lock" || die "another 'scripts/services up chromium' has held $CHROMIUM_DIR/.install.lock for 15 minutes"
  if chromium_bin >/dev/null; then
    say "chromium already installed: $(chromium_bin)"
  else
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo -n)
    say "installing Debian's chromium package (log: $CHROMIUM_DIR/apt.log)"
    { "${sudo[@]}" apt-get update && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends chromium fonts-dejavu-core; } \
      >"$CHROMIUM_DIR/apt.log" 2>&1 || die "apt-get install chromium failed; last lines of $CHROMIUM_DIR/apt.log:
$(tail -n 20 "$CHROMIUM_DIR/apt.log")"
    chromium_bin >/dev/null || die "the chromium package is installed but no binary was found in /usr/bin"
  fi
  exec {lock}>&-
  echo "CATALOG_CHROMIUM=$(chromium_bin)"
}

chromium_down() { say "chromium has no daemon; nothing to stop"; }

chromium_status() {
  local b
  if b="$(chromium_bin)"; then
    echo "chromium: ready  $b  $("$b" --version 2>/dev/null | head -n 1)"
  else
    echo "chromium: not installed (scripts/services up chromium)"; return 1
  fi
}
