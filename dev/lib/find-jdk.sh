#!/bin/sh
# Prints the home of a JDK whose major version is at least $1 (default 25), trying in order:
# JAVA_HOME, the java on PATH, then the usual install places. Exits 1 with a hint when none fits.
want=${1:-25}

major_of() {  # $1 = a JDK home; prints its major version, or nothing
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
  fi
}

fits() { [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && m=$(major_of "$1") && [ -n "$m" ] && [ "$m" -ge "$want" ]; }

if [ -n "${JAVA_HOME:-}" ] && fits "$JAVA_HOME"; then echo "$JAVA_HOME"; exit 0; fi
if command -v javac >/dev/null 2>&1; then
  home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  if fits "$home"; then echo "$home"; exit 0; fi
fi
for home in /usr/lib/jvm/temurin-"$want"* /usr/lib/jvm/*"$want"* /usr/lib/jvm/* \
  /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
  if [ -d "$home" ] && fits "$home"; then echo "$home"; exit 0; fi
done
echo "Airlock needs JDK $want or newer, and none was found. Install one (for example Temurin $want) and set JAVA_HOME to it." >&2
exit 1
