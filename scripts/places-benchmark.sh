#!/usr/bin/env bash
# Places figures, measured in one run on this machine (release build):
#   - time and peak memory to import all England rows of IoD2019 and of each Census table
#   - time to compute the risk index for all of London and for all of England
#   - time and size of Southwark's map page
#   - OnrampCore's index against the same computation in pandas, on the same input, as a ratio
#
#   scripts/places-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${ONRAMP_DATA_DIR:-../shared/data}"
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
python3 -c 'import pandas' 2>/dev/null || python3 -m pip install --quiet pandas

swift build -c release --product onramp
swift build -c release --package-path Benchmarks --product risk-index-timing
BIN=.build/release
WORK="$(mktemp -d)"
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
DB="$WORK/places.sqlite"

measure() {  # label, then the command
    local label="$1"; shift
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >"$WORK/out" 2>&1 || { cat "$WORK/out"; exit 1; }
    read -r seconds kilobytes <"$WORK/time"
    printf '%-44s %6.2f s  peak %5d MB  %s\n' "$label" "$seconds" $((kilobytes / 1024)) "$(grep -o 'Imported.*rows\.\|Computed.*areas' "$WORK/out" | head -1)"
}

measure "lookup LSOA21 → ward → LAD (England and Wales)" "$BIN/onramp" import lookup-lsoa "$DATA/lookups/LSOA21_WD23_LAD23_EW_BestFit_LU.csv" --database "$DB"
measure "lookup LSOA11 → ward → LAD" "$BIN/onramp" import lookup-lsoa "$DATA/lookups/LSOA11_WD19_LAD19_EW_LU.csv" --database "$DB"
measure "lookup LSOA11 → LSOA21" "$BIN/onramp" import lookup-lsoa11-lsoa21 "$DATA/lookups/LSOA11_LSOA21_LAD22_EW_LU.csv" --database "$DB"
measure "IoD2019, all England (32,844 rows)" "$BIN/onramp" import iod2019 "$DATA/imd2019/derived/england_iod2019_ranks_deciles_with_imd_income_employment_scores_pop.csv.gz" --database "$DB"
for table in ts007a ts037 ts038 ts067; do
    measure "Census 2021 $table (35,672 rows)" "$BIN/onramp" import "census-$table" "$DATA/census2021/census2021-$table-lsoa.csv" --database "$DB"
done
measure "broadband, London" "$BIN/onramp" import broadband "$DATA/broadband/london_lsoa21_ofcom_cn2025_broadband.json" --database "$DB"
LONDON=$(seq -f "E090000%02g" 1 33 | paste -sd, -)
measure "boundaries LSOA21, England file, London kept" "$BIN/onramp" import boundaries-lsoa21 "$DATA/boundaries/lsoa21_england_bgc.geojson.gz" --lad "$LONDON" --database "$DB"
measure "boundaries wards, Southwark" "$BIN/onramp" import boundaries-wards "$DATA/boundaries/southwark/southwark_wards_2025_bgc.geojson" --lad E09000028 --database "$DB"
echo "benchmark password 1" | "$BIN/onramp" users create-admin --email bench@council.test --organisation "Bench Council" --database "$DB" >/dev/null
measure "index: all of London (33 runs, base London)" "$BIN/onramp" index --council "Bench Council" --lad london --base london --database "$DB"
measure "index: all of London on 2011 LSOAs (4,835)" "$BIN/onramp" index --council "Bench Council" --lad london --base london --geography lsoa11 --database "$DB"
measure "index: all of England (every LAD, base England)" "$BIN/onramp" index --council "Bench Council" --lad england --base england --database "$DB"
measure "index: Southwark against England" "$BIN/onramp" index --council "Bench Council" --lad E09000028 --base england --database "$DB"

"$BIN/onramp" index-inputs "$WORK/inputs.csv" --base england --database "$DB" >/dev/null
Benchmarks/.build/release/risk-index-timing "$WORK/inputs.csv" "$WORK/swift.csv" 21 | tee "$WORK/swift.txt"
python3 scripts/risk_index_pandas.py "$WORK/inputs.csv" "$WORK/swift.csv" 21 | tee "$WORK/pandas.txt"
swift_ms=$(grep -o '[0-9.]* ms' "$WORK/swift.txt" | cut -d' ' -f1)
pandas_ms=$(grep -o 'runs [0-9.]* ms' "$WORK/pandas.txt" | cut -d' ' -f2)
echo "OnrampCore / pandas time for the England index: $(awk -v a="$swift_ms" -v b="$pandas_ms" 'BEGIN {printf "%.2f", a/b}')"

# Southwark's map page, as a signed-in analyst would fetch it.
ONRAMP_PUBLIC_URL=http://127.0.0.1:18092 "$BIN/onramp" serve --port 18092 --database "$DB" >/dev/null 2>&1 &
PID=$!
for _ in $(seq 1 200); do curl -fs http://127.0.0.1:18092/healthz >/dev/null && break; sleep 0.05; done
JAR="$WORK/cookies"
curl -s -c "$JAR" -b "$JAR" http://127.0.0.1:18092/sign-in >/dev/null
TOKEN=$(awk '$6 == "onramp_csrf" {print $7}' "$JAR")
curl -s -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode "email=bench@council.test" --data-urlencode "password=benchmark password 1" --data-urlencode "_csrf=$TOKEN" http://127.0.0.1:18092/sign-in
URL=$(curl -s -b "$JAR" http://127.0.0.1:18092/places | grep -o '/places/runs/[0-9A-F-]\{36\}' | head -1)
for _ in 1 2 3; do curl -s -b "$JAR" -o "$WORK/map.html" -w "Southwark map page: %{time_total} s, %{size_download} bytes\n" "http://127.0.0.1:18092$URL"; done
svg_size() { python3 -c "import re,sys; s=open('$1').read(); m=re.search(r'<svg class=\"app-map\".*?</svg>', s, re.S); print(len(m.group(0)), 'bytes')"; }
echo "of which the SVG: $(svg_size "$WORK/map.html")"
for _ in 1 2 3; do curl -s -b "$JAR" -o "$WORK/london.html" -w "whole-London map page: %{time_total} s, %{size_download} bytes\n" "http://127.0.0.1:18092/places/london"; done
echo "of which the SVG: $(svg_size "$WORK/london.html")"
curl -s -b "$JAR" --compressed -o /dev/null -w "whole-London map page as a browser fetches it (compressed): %{time_total} s, %{size_download} bytes sent\n" "http://127.0.0.1:18092/places/london"
echo "peak memory of the server: $(awk '/VmHWM/ { printf "%d MB", $2 / 1024 }' "/proc/$PID/status")"
