#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (gnome-keyring) on a private D-Bus session bus,
# so the keychain tests use the real thing and never touch the developer's own keyring.
#   bash scripts/with-keychain.sh npx vitest run --config vitest.keychain.config.ts
# Needs dbus-run-session and gnome-keyring-daemon (Debian/Ubuntu: apt-get install dbus gnome-keyring
# libsecret-1-dev; the last one is for building keytar).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/with-keychain.sh COMMAND [ARGS...]" >&2
  exit 2
fi

missing=()
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "with-keychain: cannot start a test keychain: ${missing[*]} not found on PATH." >&2
  echo "with-keychain: install them (Debian/Ubuntu: sudo apt-get install dbus gnome-keyring libsecret-1-dev) and run again." >&2
  exit 127
fi

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$repo_root/node_modules/.bin:$PATH"

# The daemon keeps its keyring files in $XDG_DATA_HOME/keyrings and its control socket in
# $XDG_RUNTIME_DIR/keyring: both go to a throwaway folder, removed on exit, so the developer's login
# keyring and running daemon are neither read, unlocked with our password, nor replaced.
keyring_home="$(mktemp -d "${TMPDIR:-/tmp}/pd-keyring.XXXXXX")"
mkdir -m 700 "$keyring_home/data" "$keyring_home/run"
trap 'rm -rf "$keyring_home"' EXIT
export PD_KEYRING_HOME="$keyring_home"

set +e
dbus-run-session -- bash -c '
  set -euo pipefail
  # gnome-keyring 42 will not create the login keyring from an empty password without a GUI prompt
  # (it asks gcr-prompter, which fails headless), so the throwaway keyring gets a throwaway password.
  daemon_env="$(printf %s "prospect-desk-test" | XDG_DATA_HOME="$PD_KEYRING_HOME/data" XDG_RUNTIME_DIR="$PD_KEYRING_HOME/run" \
    gnome-keyring-daemon --unlock --components=secrets)" || {
    echo "with-keychain: gnome-keyring-daemon did not start." >&2
    exit 1
  }
  # It prints NAME=value lines (GNOME_KEYRING_CONTROL, ...): export them for the command.
  while IFS= read -r line; do
    case "$line" in *=*) export "$line" ;; esac
  done <<< "$daemon_env"
  unset PD_KEYRING_HOME
  exec "$@"
' with-keychain "$@"
status=$?
set -e
exit "$status"
