# Sourced by bin/idem and .ci/run: exports JAVA_HOME as a JDK 21 or newer, and IDEM_JAVA_VERSION as
# its feature version. Order: the machine's Temurin 25 (Linux paths, then macOS's java_home), then
# JAVA_HOME, then a JDK 21+ that macOS's java_home knows, then the java on PATH. Portable to
# macOS's bash 3.2 and BSD tools, like bin/idem.

idem_java_version() { # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

idem_macos_java_home() { # prints macOS's JDK for version spec $1 (25, 21+), or nothing
  [ -x /usr/libexec/java_home ] || return 0
  /usr/libexec/java_home -v "$1" 2>/dev/null || true
}

idem_resolve() { # prints $1 with its symbolic links resolved, without GNU readlink -f
  local path="$1" link hops=0
  while link=$(readlink "$path") && [ "$hops" -lt 40 ]; do
    case "$link" in
      /*) path="$link" ;;
      *) path="$(dirname "$path")/$link" ;;
    esac
    hops=$((hops + 1))
  done
  # The folder as it is on disk, so that a ".." of a relative link is not taken as text.
  echo "$(cd "$(dirname "$path")" 2>/dev/null && pwd -P)/$(basename "$path")"
}

idem_select_jdk() {
  local candidate version
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 \
    /usr/lib/jvm/temurin-25-jdk "$(idem_macos_java_home 25)" "${JAVA_HOME:-}" \
    "$(idem_macos_java_home 21+)" \
    "$(dirname "$(dirname "$(idem_resolve "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] || continue
    version=$(idem_java_version "$candidate")
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      export IDEM_JAVA_VERSION="$version"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "idem: no JDK 21 or newer found; install one (Temurin 25 recommended) and set JAVA_HOME" >&2
  return 1
}
