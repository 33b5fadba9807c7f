#!/usr/bin/env bash
# Fuzzes a running Onramp (the demo) with schemathesis against two OpenAPI documents:
#
#   1. /api/v1, described by its own document (GET /api/v1/openapi.json, `APIDocument`), signed
#      in as the demo's admin: no server errors, and every answer's status, content type and
#      body as the document says.
#   2. The open ORUK API under /openreferral, against the shared ORUK 3.0 document
#      (../shared/specs/oruk-3.0/openapi.json, or $ONRAMP_SPECS_DIR/oruk-3.0/openapi.json): no
#      server errors, and every 200 body as its schema says. That document lists only 200s, so
#      status codes are not judged. Its schemas are referenced by their openreferraluk.org
#      addresses; they are read from the shared folder instead (nothing is fetched).
#
#   bash scripts/api_check.sh http://127.0.0.1:8089
#
# Derandomised (a fixed seed, no example database) and bounded: API_CHECK_EXAMPLES test cases
# per operation and phase (default 100), API_CHECK_SEED (default 20261204). Prints the number of
# generated test cases for each document and exits non-zero on any failure. With
# API_CHECK_REPORTS=folder, every request and answer is kept there (NDJSON and JUnit). It adds
# organisations to the demo's council through POST /api/v1/organisations.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE="${1:?usage: scripts/api_check.sh BASE_URL (such as http://127.0.0.1:8089)}"
BASE="${BASE%/}"
SPECS="${ONRAMP_SPECS_DIR:-$PWD/../shared/specs}"
ORUK_DOC="$(cd "$SPECS/oruk-3.0" && pwd)/openapi.json"
EMAIL="${API_CHECK_EMAIL:-admin@demo.onramp.test}"               # Demo.accounts[0]
PASSWORD="${API_CHECK_PASSWORD:-demo-password-not-for-real-use}" # Demo.password
EXAMPLES="${API_CHECK_EXAMPLES:-100}"
SEED="${API_CHECK_SEED:-20261204}"
SCHEMATHESIS_VERSION="4.*"
REPORTS="${API_CHECK_REPORTS:+$(realpath -m "$API_CHECK_REPORTS")}"

WORK="$(mktemp -d /tmp/onramp-api-check.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

if ! python3 -c 'import schemathesis, sys; sys.exit(0 if schemathesis.__version__.startswith("4.") else 1)' 2>/dev/null; then
    echo "Installing schemathesis $SCHEMATHESIS_VERSION"
    python3 -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
python3 -c 'import schemathesis; print("schemathesis", schemathesis.__version__)'

# Signing in as a browser does: the double-submit cookie from the form, then the form.
JAR="$WORK/cookies.txt"
cookie() { awk -v name="$1" '$6 == name { value = $7 } END { print value }' "$JAR"; }
curl -fsS -c "$JAR" -b "$JAR" -o /dev/null "$BASE/sign-in"
status=$(curl -sS -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code}' \
    --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$(cookie onramp_csrf)" \
    "$BASE/sign-in")
SESSION="$(cookie onramp_session)"
if [ "$status" != 303 ] || [ -z "$SESSION" ]; then
    echo "could not sign in to $BASE as $EMAIL (HTTP $status)" >&2
    exit 1
fi
api() { curl -fsS -H "Cookie: onramp_session=$SESSION" "$BASE$1"; }
CSRF="$(api /api/v1/me | python3 -c 'import json, sys; print(json.load(sys.stdin)["csrfToken"])')"
echo "signed in as $EMAIL"

# Real ids from the demo, offered half the time in place of generated ones, so the fuzzer
# reaches the areas and runs that exist as well as those that do not.
api "/api/v1/areas?lad=E09000028" >"$WORK/areas21.json"
api "/api/v1/areas?lad=E09000028&geography=lsoa11" >"$WORK/areas11.json"
for path in services organizations taxonomies taxonomy_terms service_at_locations; do
    curl -fsS "$BASE/openreferral/$path?per_page=5" >"$WORK/oruk-$path.json"
done

python3 - "$WORK" "$ORUK_DOC" <<'PY'
import json, sys
from pathlib import Path

work, oruk_doc = Path(sys.argv[1]), Path(sys.argv[2])

def toml_list(values):
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"

# /api/v1: the demo's runs and areas, and the session as the document's security schemes.
lists = [json.loads((work / f"areas{g}.json").read_text()) for g in ("21", "11")]
runs = [l["indexRun"] for l in lists if l.get("indexRun")]
codes21 = [a["code"] for a in lists[0]["areas"]]
codes11 = [a["code"] for a in lists[1]["areas"]]
only11 = [c for c in codes11 if c not in set(codes21)]
codes = codes21[:3] + codes11[:2] + only11[:2]
assert runs and codes, "the demo has no index runs or areas for Southwark"
(work / "api.toml").write_text(f"""
[cache]
enabled = false

[dictionaries.runs]
values = {toml_list(runs)}

[dictionaries.areas]
values = {toml_list(codes)}

[parameters]
"path.runID" = {{ dictionary = "runs", probability = 0.5 }}
"query.run" = {{ dictionary = "runs", probability = 0.5 }}
"path.areaCode" = {{ dictionary = "areas", probability = 0.5 }}

[auth.openapi.session]
api_key = "${{ONRAMP_API_SESSION}}"

[auth.openapi.csrfToken]
api_key = "${{ONRAMP_API_CSRF}}"
""")

# ORUK: the shared document with its schemas taken from the shared folder, under
# components/schemas, instead of from openreferraluk.org; and the demo's ids.
BASE_URL = "https://openreferraluk.org/specifications/3.0/schema/"
document = json.loads(oruk_doc.read_text())
schemas = document.setdefault("components", {}).setdefault("schemas", {})
pending = []

def rewrite(node, home):
    """Points every reference in node at components/schemas; home is the schema file node came from."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            target, _, pointer = ref.partition("#")
            if target.startswith(BASE_URL):
                name = Path(target[len(BASE_URL):]).stem
                if name not in schemas:
                    schemas[name] = None
                    pending.append(name)
                node["$ref"] = f"#/components/schemas/{name}{pointer}"
            elif not target and home:
                node["$ref"] = f"#/components/schemas/{home}{pointer}"
        for value in node.values():
            rewrite(value, home)
    elif isinstance(node, list):
        for value in node:
            rewrite(value, home)

rewrite(document, None)
while pending:
    name = pending.pop()
    schema = json.loads((oruk_doc.parent / "schema" / f"{name}.json").read_text())
    schema.pop("$schema", None)
    schema.pop("$id", None)
    rewrite(schema, name)
    schemas[name] = schema
(work / "oruk.json").write_text(json.dumps(document))

def ids(path):
    data = json.loads((work / f"oruk-{path}.json").read_text())
    return [item["id"] for item in data.get("contents", []) if isinstance(item, dict) and isinstance(item.get("id"), str)]

bindings = [("services", "/services/{id}"), ("organizations", "/organizations/{id}"), ("taxonomies", "/taxonomies/{id}"),
            ("taxonomy_terms", "/taxonomy_terms/{id}"), ("service_at_locations", "/service_at_locations/{id}")]
config = ["[cache]", "enabled = false", ""]
for name, path in bindings:
    values = ids(name)
    if values:
        config += [f"[dictionaries.{name}]", f"values = {toml_list(values)}", "",
                   "[[operations]]", f"include-path = {json.dumps(path)}",
                   f'parameters = {{ "path.id" = {{ dictionary = "{name}", probability = 0.5 }} }}', ""]
(work / "oruk.toml").write_text("\n".join(config))
PY

# One schemathesis run; prints its count of test cases and time, and keeps its output.
failed=0
fuzz() {
    local label="$1" config="$2" location="$3" url="$4" checks="$5" started code log="$WORK/$1.log"
    printf '\n== %s: %s against %s\n' "$label" "$location" "$url"
    started=$(date +%s)
    code=0
    (cd "$WORK" && ONRAMP_API_SESSION="$SESSION" ONRAMP_API_CSRF="$CSRF" python3 -m schemathesis.cli --config-file "$config" --no-color \
        run "$location" --url "$url" --checks "$checks" --max-examples "$EXAMPLES" --seed "$SEED" \
        --generation-database none --workers 1 --request-timeout 30 \
        ${REPORTS:+--report ndjson,junit --report-dir "$REPORTS/$label"}) \
        >"$log" 2>&1 || code=$?
    # The run's summary: phases, failures with their reproduction, and the totals.
    if grep -q 'Loaded specification' "$log"; then
        sed -n '/Loaded specification/,$p' "$log"
    else
        cat "$log"
    fi
    local cases
    cases=$(grep -Eo '[0-9]+ generated' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
    echo "$label: ${cases:-no} test cases generated, checks $checks, $(( $(date +%s) - started )) s, exit $code"
    if [ "$code" -ne 0 ] || [ "${cases:-0}" -eq 0 ]; then failed=1; fi
}

fuzz api-v1 "$WORK/api.toml" "$BASE/api/v1/openapi.json" "$BASE" \
    not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance
fuzz oruk "$WORK/oruk.toml" "$WORK/oruk.json" "$BASE/openreferral" \
    not_a_server_error,response_schema_conformance

if [ "$failed" -ne 0 ]; then
    echo "api_check: schemathesis found failures (above)" >&2
    exit 1
fi
echo "api_check: both documents passed"
