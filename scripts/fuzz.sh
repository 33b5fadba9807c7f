#!/usr/bin/env bash
# Fuzzes the parsers that read files from outside (Fuzz/FuzzTargets.swift) with libFuzzer:
# builds one binary from Fuzz/ and Sources/OnrampCore into .build-fuzz/ (skipped when up to
# date), then runs each target for the given seconds on a seed corpus made of small extracts of
# ../shared/data, inputs made by scripts/generate_*.py, and the hand-written Fuzz/seeds/<target>/.
# Prints, per target, executions, exec/s, coverage (cov, ft) and whether it crashed; exits 1 when
# any target crashed, hung (over 10 s on one input) or ran out of memory, leaving the input under
# .build-fuzz/artifacts/<target>/.
#
#   scripts/fuzz.sh [seconds per target, default 600] [target …]
#   FUZZ_JOBS=2 scripts/fuzz.sh 600      two targets at once (one per core)
#
# Reproduce a crash:  ONRAMP_FUZZ_TARGET=csv .build-fuzz/onramp-fuzz .build-fuzz/artifacts/csv/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."

RUN_SECONDS="${1:-600}"
[ $# -gt 0 ] && shift
ALL_TARGETS=(csv geojson coordinates postcodes nationalgrid oruk devices datapacks)
TARGETS=("$@")
[ $# -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")
JOBS="${FUZZ_JOBS:-1}"
DATA="${ONRAMP_DATA_DIR:-../shared/data}"
OUT=.build-fuzz
BIN="$OUT/onramp-fuzz"
# Swift's backtracer would hold libFuzzer's output open after a crash; libFuzzer prints its own.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-handle_abort=1:handle_sigill=1:symbolize=1}"
command -v llvm-symbolizer >/dev/null && export ASAN_SYMBOLIZER_PATH="${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer)}"

for target in "${TARGETS[@]}"; do
    [[ " ${ALL_TARGETS[*]} " == *" $target "* ]] || { echo "unknown target $target (targets: ${ALL_TARGETS[*]})" >&2; exit 2; }
done
mkdir -p "$OUT"

# --- Build (one binary; ONRAMP_FUZZ_TARGET picks the target) --------------------------------
mapfile -t SOURCES < <(ls Fuzz/*.swift; find Sources/OnrampCore -name '*.swift' | sort)
FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -module-name OnrampCore)
stale() {
    [ -x "$BIN" ] && [ "$(cat "$BIN.flags" 2>/dev/null)" = "${FLAGS[*]} ${SOURCES[*]}" ] || return 0
    [ -n "$(find "${SOURCES[@]}" -newer "$BIN" -print -quit)" ]
}
if stale; then
    echo "==> Building $BIN (swiftc ${FLAGS[*]}, ${#SOURCES[@]} files)"
    started=$(date +%s)
    if ! nice -n 10 swiftc "${FLAGS[@]}" "${SOURCES[@]}" -o "$BIN.new" >"$OUT/build.log" 2>&1; then
        grep -v "Cannot export local symbol" "$OUT/build.log" >&2
        exit 1
    fi
    mv "$BIN.new" "$BIN"
    echo "${FLAGS[*]} ${SOURCES[*]}" >"$BIN.flags"
    echo "    built in $(( $(date +%s) - started )) s"
else
    echo "==> $BIN is up to date"
fi

# --- Seed corpora: extracts made now, never kept in the repository ---------------------------
EXTRACTS="$OUT/extracts"
rm -rf "$EXTRACTS"
mkdir -p "${TARGETS[@]/#/$EXTRACTS/}"
lines() {  # file, number of lines: the first lines of a file, gzipped or not, at most 4 KB
    { if [[ "$1" == *.gz ]]; then gzip -dc "$1"; else cat "$1"; fi; } 2>/dev/null | head -n "$2" | head -c 4096 || true
}
want() { [[ " ${TARGETS[*]} " == *" $1 "* ]] && [ -d "$EXTRACTS/$1" ]; }
if [ -d "$DATA" ]; then
    if want csv; then
        for file in lookups/LSOA21_WD23_LAD23_EW_BestFit_LU.csv lookups/LSOA11_LSOA21_LAD22_EW_LU.csv \
            services/libraries_england_2023.csv services/libraries_southwark_librarydata_schema.csv \
            census2021/census2021-ts007a-lsoa.csv imd2019/File_6_-_IoD2019_Population_Denominators.csv.gz \
            imd2019/derived/southwark_iod2019_all_scores_ranks_deciles_pop.csv postcodes/codepoint_open_2025-10_se.csv; do
            [ -f "$DATA/$file" ] && lines "$DATA/$file" 12 >"$EXTRACTS/csv/$(basename "$file" .gz)"
        done
    fi
    if want postcodes; then
        codepoint="$DATA/postcodes/codepoint_open_2025-10_se.csv"
        headers="$DATA/postcodes/codepoint_Code-Point_Open_Column_Headers.csv"
        if [ -f "$codepoint" ]; then
            lines "$codepoint" 10 >"$EXTRACTS/postcodes/codepoint-no-header.csv"
            [ -f "$headers" ] && { sed -n 2p "$headers"; lines "$codepoint" 6; } >"$EXTRACTS/postcodes/codepoint-long-header.csv"
            [ -f "$headers" ] && { sed -n 1p "$headers"; tail -n 6 "$codepoint"; } >"$EXTRACTS/postcodes/codepoint-short-header.csv"
        fi
        derived="$DATA/postcodes/derived/southwark_postcodes_codepoint2025_with_lsoa.csv"
        [ -f "$derived" ] && lines "$derived" 10 >"$EXTRACTS/postcodes/southwark-latlong.csv"
        [ -f "$derived" ] && sed -n 2p "$derived" | cut -d, -f1 | tr -d '\n' >"$EXTRACTS/postcodes/typed.txt"
    fi
    if want nationalgrid && [ -f "$DATA/postcodes/codepoint_open_2025-10_se.csv" ]; then
        awk -F, 'NR % 2000 == 1 { printf "%s,%s", $3, $4 > (dir "/codepoint-" NR ".txt") }' \
            dir="$EXTRACTS/nationalgrid" "$DATA/postcodes/codepoint_open_2025-10_se.csv"
    fi
    if { want geojson || want coordinates; } && command -v python3 >/dev/null; then
        python3 - "$DATA/boundaries" "$EXTRACTS" <<'PY'
import gzip, json, os, sys
boundaries, extracts = sys.argv[1], sys.argv[2]

def shorten(polygons):  # each ring to a few points, closed again
    return [[ring[:6] + ring[-1:] for ring in polygon[:2]] for polygon in polygons[:2]]

def small(feature, keep_properties=12):
    geometry = feature["geometry"]
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    polygons = shorten(polygons)
    coordinates = polygons[0] if geometry["type"] == "Polygon" else polygons
    properties = dict(list(feature["properties"].items())[:keep_properties])
    return {"type": "Feature", "properties": properties, "geometry": {"type": geometry["type"], "coordinates": coordinates}}, polygons

sources = []
for name in ("southwark_wards_2025_bgc.geojson", "southwark_lsoa21_bgc_with_census2021.geojson", "southwark_lsoa11_bgc_with_iod2019.geojson"):
    path = os.path.join(boundaries, "southwark", name)
    if os.path.exists(path):
        with open(path) as f:
            collection = json.load(f)
        sources.append((name, {k: v for k, v in collection.items() if k != "features"}, collection["features"][:2]))
england = os.path.join(boundaries, "lsoa21_england_bgc.geojson.gz")
if os.path.exists(england):
    with gzip.open(england, "rt") as f:
        head = f.read(200_000)
    start = head.index("[", head.index('"features"')) + 1
    feature, _ = json.JSONDecoder().raw_decode(head, start)
    sources.append(("lsoa21_england_bgc.geojson", {"type": "FeatureCollection"}, [feature]))
    if os.path.isdir(os.path.join(extracts, "geojson")):
        with open(os.path.join(extracts, "geojson", "england-cut-short.geojson"), "w") as out:
            out.write(head[:3000])
for name, top, features in sources:
    smalls = [small(f) for f in features]
    if os.path.isdir(os.path.join(extracts, "geojson")):
        with open(os.path.join(extracts, "geojson", name), "w") as out:
            json.dump(dict(top, features=[s[0] for s in smalls]), out, ensure_ascii=False)
    if os.path.isdir(os.path.join(extracts, "coordinates")):
        for index, (_, polygons) in enumerate(smalls):
            with open(os.path.join(extracts, "coordinates", f"{name}-{index}.json"), "w") as out:
                json.dump(polygons, out, separators=(",", ":"))
PY
    fi
else
    echo "    no $DATA: hand-written seeds only"
fi
if want oruk && command -v python3 >/dev/null; then
    python3 scripts/generate_services.py 2 >"$EXTRACTS/oruk/generated.ndjson"
    head -n 1 "$EXTRACTS/oruk/generated.ndjson" >"$EXTRACTS/oruk/generated-one.json"
    python3 -c 'import json, sys; print(json.dumps({"contents": [json.loads(l) for l in sys.stdin]}, indent=1))' \
        <"$EXTRACTS/oruk/generated.ndjson" >"$EXTRACTS/oruk/generated-page.json"
fi
if want devices && command -v python3 >/dev/null; then
    python3 scripts/generate_devices.py csv "$EXTRACTS/devices/generated.csv" 8 >/dev/null
fi

# --- Run -------------------------------------------------------------------------------------
max_len() {
    case "$1" in
        geojson) echo 16384 ;; csv | oruk) echo 8192 ;; nationalgrid) echo 64 ;; *) echo 4096 ;;
    esac
}

run_target() {  # target: runs it, then writes one summary line to $OUT/results/<target>
    local target="$1" log="$OUT/logs/$1.log" started finished status=0
    mkdir -p "$OUT/corpus/$target" "$OUT/artifacts/$target"
    started=$(date +%s.%N)
    ONRAMP_FUZZ_TARGET="$target" nice -n 10 "$BIN" \
        -max_total_time="$RUN_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$target")" \
        -dict="Fuzz/dicts/$target.dict" -artifact_prefix="$OUT/artifacts/$target/" -print_final_stats=1 \
        "$OUT/corpus/$target" "Fuzz/seeds/$target" "$EXTRACTS/$target" >"$log" 2>&1 || status=$?
    finished=$(date +%s.%N)
    local units speed cov ft rss verdict artifact
    units=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
    rss=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
    artifact=$(grep -o 'Test unit written to .*' "$log" | tail -1 | sed 's/^Test unit written to //' || true)
    if [ "$status" -eq 0 ]; then
        verdict="ok"
    elif grep -q 'ERROR: libFuzzer: timeout' "$log"; then
        verdict="HANG"
    elif grep -q 'out-of-memory\|malloc(.*) exceeds limit' "$log"; then
        verdict="OUT OF MEMORY"
    elif grep -q 'ERROR: libFuzzer: .*leak\|LeakSanitizer' "$log"; then
        verdict="LEAK"
    else
        verdict="CRASH"
    fi
    printf '%-13s %7.0f %12s %8s %6s %7s %6s  %s%s\n' "$target" "$(awk "BEGIN { print $finished - $started }")" "${units:-?}" "${speed:-?}" \
        "${cov:-?}" "${ft:-?}" "${rss:-?}" "$verdict" "${artifact:+ ($artifact)}" >"$OUT/results/$target"
}

rm -rf "$OUT/results"
mkdir -p "$OUT/logs" "$OUT/results"
echo "==> Fuzzing ${TARGETS[*]} for $RUN_SECONDS s each, $JOBS at a time"
running=0
for target in "${TARGETS[@]}"; do
    if [ "$running" -ge "$JOBS" ]; then wait -n || true; running=$((running - 1)); fi
    run_target "$target" &
    running=$((running + 1))
done
wait

printf '\n%-13s %7s %12s %8s %6s %7s %6s  %s\n' target seconds executions exec/s cov ft rss_mb result
failed=0
for target in "${TARGETS[@]}"; do
    cat "$OUT/results/$target"
    grep -q '  ok$' "$OUT/results/$target" || failed=1
done
if [ "$failed" -ne 0 ]; then
    for target in "${TARGETS[@]}"; do
        grep -q '  ok$' "$OUT/results/$target" && continue
        printf '\n==> %s (full log: %s)\n' "$target" "$OUT/logs/$target.log"
        grep -v '^#[0-9]\|^INFO:\|^MS: \|^NEW_FUNC\|^ *NEW_FUNC\|^\t\?NEW_PC\|^Loaded\|^Dictionary:' "$OUT/logs/$target.log" | tail -40
    done
    exit 1
fi
