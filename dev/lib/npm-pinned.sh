#!/usr/bin/env bash
# Sourced by the install.sh scripts of dev/conformance, dev/clients and dev/testservers: installs the
# npm packages a folder's package.json pins (exact versions, no lock file: it would name the
# registry) into its node_modules, once.
#
#   npm_pinned_install DIR "what, for people" FILE...
#     installs unless every dependency in DIR/package.json is there at its pinned version and every
#     FILE exists; fails with a one-line reason.

# Whether every dependency pinned in $1/package.json is installed at that version.
npm_pinned_present() {
  local dir=$1 pkg want have
  for pkg in $(sed -n '/"dependencies"/,/}/s|^ *"\([^"]*\)": *"[^"]*".*|\1|p' "$dir/package.json"); do
    want=$(sed -n "s|.*\"$pkg\": *\"\\(.*\\)\".*|\\1|p" "$dir/package.json")
    [ -f "$dir/node_modules/$pkg/package.json" ] || return 1
    have=$(sed -n 's|.*"version": "\(.*\)".*|\1|p' "$dir/node_modules/$pkg/package.json" | head -1)
    [ "$want" = "$have" ] || return 1
  done
}

npm_pinned_install() {
  local dir=$1 what=$2 file
  shift 2
  local ready=true
  npm_pinned_present "$dir" || ready=false
  for file in "$@"; do
    [ -e "$file" ] || ready=false
  done
  $ready && return 0
  command -v npm >/dev/null || { echo "npm is needed to install $what (apt-get install npm)" >&2; return 1; }
  echo "installing $what from npm…" >&2
  (cd "$dir" && npm install --no-package-lock --no-audit --no-fund --loglevel=error >&2)
  npm_pinned_present "$dir" || { echo "$what did not install as pinned" >&2; return 1; }
  for file in "$@"; do
    [ -e "$file" ] || { echo "$what installed, but $file is missing" >&2; return 1; }
  done
}
