# Shared by scripts/run and scripts/test (sourced, not run): install what is missing, and only
# that. System packages come from apt-get (Debian/Ubuntu), through sudo when not root; the
# Python tools of the interop tests go into a virtual environment, .venv, never into the system's
# interpreter.

# Runs a command as root: directly when root, else through sudo.
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "wangluo setup: installing needs root, and sudo is missing; as root, run: $*" >&2
    exit 1
  fi
}

# Installs the Debian packages given that are not installed yet.
need_debian_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "wangluo setup: not a Debian/Ubuntu system; make sure these are installed: $*" >&2
    return 0
  fi
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  echo "wangluo setup: installing ${missing[*]} (apt-get)" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# What building wangluo needs besides Rust: RocksDB (oxigraph's persistent store) is C++ compiled
# through bindgen, which needs libclang; and a C++ compiler, which a Rust toolchain does not bring.
need_build_packages() {
  local packages=(libclang-dev)
  command -v c++ >/dev/null 2>&1 || packages+=(g++)
  need_debian_packages "${packages[@]}"
}

# Creates .venv (python3 -m venv) with the packages of tests/requirements.txt, or brings it up to
# date when that file changed since the last install.
need_test_venv() {
  command -v python3 >/dev/null 2>&1 || need_debian_packages python3
  # Debian ships venv's pip bootstrap (ensurepip) separately, in python3-venv.
  python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need_debian_packages python3-venv
  local stamp=.venv/requirements.sha256 wanted
  wanted="$(sha256sum tests/requirements.txt | cut -d' ' -f1)"
  if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
    return 0
  fi
  echo "wangluo setup: installing tests/requirements.txt into .venv (pip)" >&2
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt
  echo "$wanted" > "$stamp"
}

# axe-core (npm), which the accessibility test injects into headless Chromium, under tests/.node;
# Node and npm come from Debian.
need_axe() {
  [ -f tests/.node/node_modules/axe-core/axe.min.js ] && return 0
  command -v npm >/dev/null 2>&1 || need_debian_packages nodejs npm
  echo "wangluo setup: installing axe-core into tests/.node (npm)" >&2
  npm install --silent --no-audit --no-fund --prefix tests/.node axe-core@4.14.1 >/dev/null
}
