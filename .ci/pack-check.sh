#!/usr/bin/env bash
# The package as npm would ship it: `npm publish --dry-run` must be clean, `npm pack` must hold the
# bundled bin and the tool operations only, with no dependencies to install; the tarball is
# installed into an empty project, then the `halo-psa-mcp` bin runs through npx: --version, --help,
# the missing-credentials stop, and the demo over stdio driven by a real MCP client.
# Usage: bash .ci/pack-check.sh   (after `npm run build`; exit 0 = every check passed)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/halo-pack-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT

fail() { echo "pack-check: FAIL: $*" >&2; exit 1; }
step() { echo "pack-check: $*"; }

[[ -f "$repo/dist/bin/halo-psa-mcp.js" ]] || fail 'dist/bin/halo-psa-mcp.js is missing: run `npm run build` first'
version="$(node -p 'require(process.argv[1]).version' "$repo/package.json")"

# --- publish, dry run (scripts off: the build is done; no login here, which npm notes) ---
(cd "$repo" && npm publish --dry-run --ignore-scripts > "$work/publish.log" 2>&1) ||
  { cat "$work/publish.log" >&2; fail 'npm publish --dry-run failed'; }
if grep -i -E '^npm (warn|err)' "$work/publish.log" | grep -v 'requires you to be logged in'; then
  fail 'npm publish --dry-run warned (above)'
fi
step "npm publish --dry-run: clean ($(grep -c '^npm notice [0-9.]*[kMG]\?B ' "$work/publish.log") files)"

# --- pack ---
tarball="$(cd "$repo" && npm pack --json --pack-destination "$work" 2>/dev/null |
  node -e 'let s = ""; process.stdin.on("data", (c) => (s += c)).on("end", () => console.log(JSON.parse(s)[0].filename))')"
[[ -f "$work/$tarball" ]] || fail "npm pack produced no tarball"
tar -tzf "$work/$tarball" > "$work/contents"
for entry in package/package.json package/README.md package/LICENSE package/dist/bin/halo-psa-mcp.js \
  package/dist/bin/healthcheck.js package/dist/bin/THIRD-PARTY-NOTICES.txt \
  package/dist/views/revenue-breakdown.html package/schema/operations/list_clients.graphql; do
  grep -qx "$entry" "$work/contents" || fail "the tarball lacks $entry"
done
if grep -v -E '^package/(package\.json|README\.md|LICENSE|dist/bin/[^/]+|dist/views/[^/]+\.html|schema/operations/[^/]+\.graphql)$' "$work/contents"; then
  fail 'the tarball carries files the runtime does not need (above)'
fi
tar -xzf "$work/$tarball" -C "$work" package/package.json
dependencies="$(node -p 'Object.keys(require(process.argv[1]).dependencies ?? {}).length' "$work/package/package.json")"
[[ "$dependencies" == 0 ]] || fail "the bin is bundled, yet the package declares $dependencies dependencies"
step "packed $tarball: $(wc -l < "$work/contents") files, $(du -h "$work/$tarball" | cut -f1), no dependencies"

# --- install into an empty project, as a user would ---
app="$work/app"
mkdir -p "$app"
(cd "$app" && npm init -y > /dev/null && npm install --no-audit --no-fund --prefer-offline "$work/$tarball" > "$work/install.log" 2>&1) ||
  { cat "$work/install.log" >&2; fail 'npm install of the tarball failed'; }
bin="$app/node_modules/.bin/halo-psa-mcp"
[[ -x "$bin" ]] || fail 'the halo-psa-mcp bin was not linked as an executable'
[[ "$(head -n 1 "$(realpath "$bin")")" == '#!/usr/bin/env node' ]] || fail 'the bin has no node shebang'
if grep -E 'EBADENGINE|npm warn' "$work/install.log"; then fail "installing the tarball warned (above)"; fi
step "installed on Node $(node --version): node_modules/.bin/halo-psa-mcp is executable with a node shebang, no warnings"

# --- run it ---
got="$(cd "$app" && npx --no-install halo-psa-mcp --version 2>/dev/null)" || fail 'npx halo-psa-mcp --version failed'
[[ "$got" == "$version" ]] || fail "npx halo-psa-mcp --version printed '$got', expected '$version'"
step "npx halo-psa-mcp --version -> $got"
help="$(cd "$app" && npx --no-install halo-psa-mcp --help)" || fail 'npx halo-psa-mcp --help failed'
for word in doctor --demo --http --host --port; do
  grep -q -- "$word" <<<"$help" || fail "--help does not mention $word"
done
step 'npx halo-psa-mcp --help lists doctor, --demo, --http, --host, --port'

set +e
(cd "$app" && env -i "PATH=$PATH" "HOME=$HOME" npx --no-install halo-psa-mcp < /dev/null > "$work/out" 2> "$work/err")
code=$?
set -e
[[ "$code" == 1 ]] || fail "without credentials the server should exit 1, got $code"
[[ ! -s "$work/out" ]] || fail "without credentials the server wrote to stdout: $(cat "$work/out")"
grep -q 'HALO_INSTANCE_URL, HALO_CLIENT_ID, HALO_CLIENT_SECRET' "$work/err" || fail "the stop message does not name the missing variables: $(cat "$work/err")"
grep -q -- '--demo' "$work/err" || fail "the stop message does not point at --demo: $(cat "$work/err")"
step 'without credentials: exit 1, names the missing variables, points at --demo'

smoke="$(node "$repo/.ci/mcp-smoke.mjs" stdio "$app" npx --no-install halo-psa-mcp --demo)" ||
  fail 'MCP over stdio (npx halo-psa-mcp --demo) failed'
step "npx halo-psa-mcp --demo: $smoke"
echo 'pack-check: OK'
