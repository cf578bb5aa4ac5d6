#!/usr/bin/env bash
# The Dockerfile without a Docker engine: reads the Dockerfile and runs its steps as plain commands,
# each stage in its own temp root (WORKDIR /app -> <root>/app), with a build context filtered by
# .dockerignore and an npm cache of its own (as a fresh image build has). Then starts the server
# from the runtime stage's layout with its ENTRYPOINT and ENV, against the embedded demo simulator,
# over HTTP (/health and one MCP call) and over stdio (the default), and lints the Dockerfile.
# Usage: bash .ci/docker-steps.sh [DOCKERFILE]   (default: the repo's; exit 0 = every check passed)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
dockerfile="$(realpath "${1:-$repo/Dockerfile}")"
work="$(mktemp -d "${TMPDIR:-/tmp}/halo-docker-steps.XXXXXX")"
server_pid=''
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "docker-steps: FAIL: $*" >&2; exit 1; }
step() { echo "docker-steps: $*"; }

# --- interpret the Dockerfile ---
# Joins continuation lines and drops comments; one instruction per line.
instructions="$work/instructions"
sed -e '/^\s*#/d' -e '/^\s*$/d' "$dockerfile" | sed -e ':a' -e '/\\$/N; s/\\\n/ /; ta' > "$instructions"

# --- what the image must be, read before anything runs ---
stage_count="$(grep -ci '^FROM ' "$instructions" || true)"
(( stage_count >= 2 )) || fail "expected a multi-stage build, found $stage_count stage(s)"
last_stage="$(awk 'toupper($1) == "FROM" { n = NR } END { print n }' "$instructions")"
user="$(awk -v from="$last_stage" 'NR > from && toupper($1) == "USER" { u = $2 } END { print u }' "$instructions")"
[[ -n "$user" && "$user" != 'root' && "$user" != '0' && "$user" != 0:* ]] ||
  fail "the runtime stage runs as root (USER '${user:-unset}')"
exposed="$(awk -v from="$last_stage" 'NR > from && toupper($1) == "EXPOSE" { print $2 }' "$instructions")"
[[ "$exposed" == 8787 ]] || fail "expected EXPOSE 8787 in the runtime stage, got '$exposed'"
entrypoint="$(awk -v from="$last_stage" 'NR > from && toupper($1) == "ENTRYPOINT" { sub(/^[^ ]+ /, ""); e = $0 } END { print e }' "$instructions")"
mapfile -t command < <(node -e 'for (const w of JSON.parse(process.argv[1])) console.log(w)' "$entrypoint" 2>/dev/null)
(( ${#command[@]} > 0 )) || fail "the runtime stage needs an exec-form ENTRYPOINT, got '$entrypoint'"
[[ " ${command[*]} " != *' --http '* ]] || fail "the default transport must be stdio: ENTRYPOINT ${command[*]}"
healthcheck_line="$(awk -v from="$last_stage" 'NR > from && toupper($1) == "HEALTHCHECK" { e = $0 } END { print e }' "$instructions")"
[[ "$healthcheck_line" == *' CMD ['* ]] || fail "the runtime stage needs an exec-form HEALTHCHECK ... CMD [...], got '$healthcheck_line'"
mapfile -t healthcheck < <(node -e 'for (const w of JSON.parse(process.argv[1])) console.log(w)' "${healthcheck_line#* CMD }" 2>/dev/null)
(( ${#healthcheck[@]} > 0 )) || fail "cannot read the HEALTHCHECK command: $healthcheck_line"

linter="$repo/node_modules/.bin/dockerfile-utils"
[[ -x "$linter" ]] || linter=(npx --yes dockerfile-utils@0.16.3)
"${linter[@]}" lint "$dockerfile" || fail 'dockerfile-utils found problems'
step 'lint: dockerfile-utils found no problems'

# --- build context: the repo minus what .dockerignore excludes ---
context="$work/context"
mkdir -p "$context"
grep -v -e '^\s*#' -e '^\s*$' "$repo/.dockerignore" > "$work/ignore"
tar -C "$repo" --exclude-from="$work/ignore" -cf - . | tar -C "$context" -xf -

# --- run the steps ---
declare -A stage_root=()
stages=0
root=''
cwd=''
declare -a stage_env=()
export npm_config_cache="$work/npm-cache" npm_config_update_notifier=false

while IFS= read -r line; do
  keyword="${line%% *}"
  args="${line#* }"
  case "${keyword^^}" in
    FROM)
      stages=$((stages + 1))
      read -r image _as name <<<"$args"
      root="$work/stage$stages"
      mkdir -p "$root"
      stage_root["${name:-$stages}"]="$root"
      cwd="$root"
      stage_env=()
      step "stage $stages: FROM $image${name:+ AS $name}"
      ;;
    WORKDIR)
      cwd="$root$args"
      mkdir -p "$cwd"
      ;;
    ENV)
      read -r -a pairs <<<"$args"
      stage_env+=("${pairs[@]}")
      ;;
    COPY)
      read -r -a words <<<"$args"
      step "  COPY $args"
      source_root="$context"
      if [[ "${words[0]}" == --from=* ]]; then
        source_root="${stage_root[${words[0]#--from=}]:-}"
        [[ -n "$source_root" ]] || fail "COPY from unknown stage: $line"
        words=("${words[@]:1}")
      fi
      dest="${words[-1]}"
      [[ "$dest" == /* ]] && dest="$root$dest" || dest="$cwd/$dest"
      for src in "${words[@]:0:${#words[@]}-1}"; do
        from="$source_root/${src#/}"
        [[ -e "$from" ]] || fail "COPY source missing (ignored by .dockerignore?): $src"
        if [[ -d "$from" ]]; then
          mkdir -p "$dest" && cp -R "$from/." "$dest/"
        elif [[ "$dest" == */ || ${#words[@]} -gt 2 ]]; then
          mkdir -p "$dest" && cp "$from" "$dest/"
        else
          mkdir -p "$(dirname "$dest")" && cp "$from" "$dest"
        fi
      done
      ;;
    RUN)
      step "  RUN $args"
      (cd "$cwd" && env "${stage_env[@]}" bash -euo pipefail -c "$args") > "$work/run.log" 2>&1 ||
        { cat "$work/run.log" >&2; fail "RUN failed: $args"; }
      ;;
    USER | EXPOSE | ENTRYPOINT | LABEL | HEALTHCHECK) ;;
    *) fail "instruction this script cannot run: $keyword" ;;
  esac
done < "$instructions"

# --- what the runtime stage holds ---
runtime="$cwd"
# The bundled bin carries its dependencies: no node_modules, no sources, no tsc output.
for absent in src test bench bundle node_modules dist/server package-lock.json; do
  [[ ! -e "$runtime/$absent" ]] || fail "the runtime stage carries $absent"
done
for present in dist/bin/halo-psa-mcp.js dist/bin/THIRD-PARTY-NOTICES.txt dist/views/revenue-breakdown.html schema/operations/list_clients.graphql package.json LICENSE; do
  [[ -e "$runtime/$present" ]] || fail "the runtime stage lacks $present"
done
step "runtime: $stages stages, USER $user, EXPOSE $exposed, ENTRYPOINT ${command[*]}, HEALTHCHECK ${healthcheck[*]}, $(du -sh "$runtime" | cut -f1) in /app"

# --- run the runtime layout: HTTP with the demo ---
run_env=(env -i "PATH=$PATH" "HOME=$work" "${stage_env[@]}")
"${run_env[@]}" HALO_MCP_TRANSPORT=http HALO_MCP_PORT=0 HALO_DEMO=1 \
  bash -c 'cd "$1" && shift && exec "$@"' _ "$runtime" "${command[@]}" > "$work/http.out" 2> "$work/http.err" &
server_pid=$!
url=''
for _ in $(seq 1 100); do
  url="$(sed -n 's/.*"msg":"serving HTTP","url":"\([^"]*\)".*/\1/p' "$work/http.err" | head -n 1)"
  [[ -n "$url" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/http.err" >&2; fail 'the server exited early'; }
  sleep 0.1
done
[[ -n "$url" ]] || { cat "$work/http.err" >&2; fail 'the server did not start within 10 s'; }
health="$(curl -fsS "$url/health")" || fail "GET $url/health failed"
[[ "$health" == *'"status":"ok"'* ]] || fail "unexpected /health answer: $health"
step "HTTP: GET /health -> $health"
grep -q "GraphiQL (example query pre-filled): $url/graphql" "$work/http.out" || fail 'no demo banner on stdout'
smoke="$(node "$repo/.ci/mcp-smoke.mjs" http "$url/mcp")" || fail 'MCP over HTTP failed'
step "HTTP: $smoke"
port="${url##*:}"
run_healthcheck() { "${run_env[@]}" "$@" bash -c 'cd "$1" && shift && exec "$@"' _ "$runtime" "${healthcheck[@]}"; }
run_healthcheck HALO_MCP_TRANSPORT=http HALO_MCP_PORT="$port" 2> "$work/health.err" ||
  { cat "$work/health.err" >&2; fail 'HEALTHCHECK failed against the running HTTP server'; }
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=''
if run_healthcheck HALO_MCP_TRANSPORT=http HALO_MCP_PORT="$port" 2> /dev/null; then
  fail 'HEALTHCHECK passed with the HTTP server stopped'
fi
run_healthcheck HALO_MCP_TRANSPORT=stdio || fail 'HEALTHCHECK failed in stdio mode, which has no listener'
step "HEALTHCHECK: passes while HTTP serves, fails once it stopped, passes in stdio mode"

# --- run the runtime layout: stdio, the image's default, with the demo flag as `docker run IMAGE --demo` ---
smoke="$(node "$repo/.ci/mcp-smoke.mjs" stdio "$runtime" "${command[@]}" --demo)" || fail 'MCP over stdio failed'
step "stdio: $smoke"

echo 'docker-steps: OK'
