#!/usr/bin/env bash
# Schmorl against the field's standard Python stack (the medspaCy peer, ../shared/peer) and against `grep -ci`
# as a floor, on the shared corpus, in one run on one machine (issue 5). These machines are shared and noisy:
# quote the ratios this prints, not single absolute times.
#
# Usage: Benchmarks/compare.sh            (from anywhere; paths are relative to this script)
# Environment:
#   REPORTS=20000       corpus size (make_corpus.py --reports)
#   PEER_REPORTS=1000   reports given to the peer (it reads ~30 reports/s)
#   RUNS=3              timed runs of each Schmorl command; the median is reported
#   PEER_VENV=/tmp/peer-venv   the peer's virtual environment (the peer README's place, outside the repository)
#   SKIP_PEER=1         do not run the peer
#   CDA_REPORTS=2000    reports of the CDA XML comparison (the same generator, --format cda); 0 skips it
#   KEEP=1              keep the temporary directory (corpus and outputs) and print its path
#   BUILD_FLAGS="--scratch-path .build-bench"   extra `swift build` flags (another build folder, say)
#
# What it prints: for each command, reports, median wall seconds, reports/s, MB/s (report text bytes per second,
# the peer's definition), peak resident memory, and the ratios: Schmorl / peer in reports/s, 2 jobs / 1 job, and
# Schmorl's time over grep's on the same file. Schmorl's times are whole processes (start-up included); the
# peer's figure is its own `--time` measurement, which leaves out its model loading (in its favour).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared="$root/../shared"
REPORTS="${REPORTS:-20000}"
PEER_REPORTS="${PEER_REPORTS:-1000}"
RUNS="${RUNS:-3}"
PEER_VENV="${PEER_VENV:-/tmp/peer-venv}"
CDA_REPORTS="${CDA_REPORTS:-2000}"

say() { printf '%s\n' "$*" >&2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/schmorl-compare.XXXXXX")"
if [[ "${KEEP:-}" == 1 ]]; then say "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi

# 1. The release binary.
say "== building the release binary (swift build -c release)"
# shellcheck disable=SC2086 # BUILD_FLAGS is a list of flags
(cd "$root" && swift build -c release ${BUILD_FLAGS:-} --product schmorl >&2)
# shellcheck disable=SC2086
bin="$(cd "$root" && swift build -c release ${BUILD_FLAGS:-} --show-bin-path)/schmorl"

# 2. The shared corpus: JSON Lines (and the same reports as text files).
say "== generating the corpus: $REPORTS reports, seed 1"
python3 "$shared/bench/make_corpus.py" --reports "$REPORTS" --seed 1 --format jsonl --out "$work/corpus.jsonl" >&2
python3 "$shared/bench/make_corpus.py" --reports "$REPORTS" --seed 1 --format text --out "$work/text" >&2
head -n "$PEER_REPORTS" "$work/corpus.jsonl" > "$work/peer.jsonl"
text_bytes() {
    python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1]) if l.strip()))' "$1"
}
corpus_bytes="$(text_bytes "$work/corpus.jsonl")"
file_bytes="$(wc -c < "$work/corpus.jsonl")"
say "   corpus.jsonl: $file_bytes bytes, report text: $corpus_bytes bytes"

# 3. The peer's environment (once per machine; pip may take minutes).
peer_status="not run"
peer_ok=0
if [[ "${SKIP_PEER:-}" == 1 ]]; then
    peer_status="skipped (SKIP_PEER=1)"
elif "$PEER_VENV/bin/python" -c 'import medspacy' 2>/dev/null; then
    peer_ok=1
else
    say "== setting up the peer: python3 -m venv $PEER_VENV && pip install medspacy==1.3.1"
    if python3 -m venv "$PEER_VENV" >&2 && "$PEER_VENV/bin/pip" install --quiet medspacy==1.3.1 >&2 \
        && "$PEER_VENV/bin/python" -c 'import medspacy' 2>/dev/null; then
        peer_ok=1
    else
        peer_status="unavailable: pip could not install medspacy==1.3.1 (see above); continuing without the peer"
        say "!! $peer_status"
    fi
fi

# Timing: median wall seconds of RUNS runs, and the peak resident memory of the last (GNU time, if present).
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
gnu_time=""
if /usr/bin/time -f %M true 2>/dev/null; then gnu_time=/usr/bin/time; fi
# time_command NAME OUTPUT_FILE COMMAND...: sets last_seconds and last_rss_kb.
time_command() {
    local name="$1" output="$2"
    shift 2
    local times=() run start end
    for ((run = 0; run < RUNS; run++)); do
        start="$(date +%s%N)"
        if [[ -n "$gnu_time" ]]; then
            "$gnu_time" -f %M -o "$work/rss" "$@" > "$output" 2> "$work/$name.err" || { cat "$work/$name.err" >&2; return 1; }
        else
            "$@" > "$output" 2> "$work/$name.err" || { cat "$work/$name.err" >&2; return 1; }
        fi
        end="$(date +%s%N)"
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')")
    done
    last_seconds="$(printf '%s\n' "${times[@]}" | median)"
    last_rss_kb="$( [[ -n "$gnu_time" ]] && tail -n 1 "$work/rss" || echo "")"
}

rows=()
# add_row NAME REPORTS SECONDS BYTES RSS_KB
add_row() { rows+=("$1|$2|$3|$4|$5"); }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0) ? n / s : 0 }'; }

# 4. The peer on its share of the corpus.
peer_rps=""
if [[ "$peer_ok" == 1 ]]; then
    say "== peer: medspaCy, spaCy sentencizer, 1 process, first $PEER_REPORTS reports"
    peer_command=("$PEER_VENV/bin/python" "$shared/peer/medspacy_schmorl.py" "$work/peer.jsonl" --time --sentencizer spacy)
    [[ -n "$gnu_time" ]] && peer_command=("$gnu_time" -f %M -o "$work/peer.rss" "${peer_command[@]}")
    "${peer_command[@]}" > "$work/peer.out" 2> "$work/peer.err" \
        || { cat "$work/peer.err" >&2; peer_ok=0; peer_status="failed (above)"; }
    if [[ "$peer_ok" == 1 ]]; then
        line="$(grep -E '^reports=' "$work/peer.err" | tail -n 1)"
        peer_n="$(sed -E 's/.*reports=([0-9]+).*/\1/' <<< "$line")"
        peer_s="$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<< "$line")"
        peer_b="$(sed -E 's/.* bytes=([0-9]+).*/\1/' <<< "$line")"
        peer_rps="$(sed -E 's/.*reports_per_s=([0-9.]+).*/\1/' <<< "$line")"
        peer_status="ran: $line"
        peer_rss="$( [[ -f "$work/peer.rss" ]] && tail -n 1 "$work/peer.rss" || echo "")"
        add_row "peer: medspaCy 1.3.1, spacy sentencizer, 1 process" "$peer_n" "$peer_s" "$peer_b" "$peer_rss"
    fi
fi

# 5. Schmorl on all of it, one job and all cores; then the same reports as a directory of text files.
schmorl_rps_1=""
schmorl_rps_n=""
check_count() {
    local got
    got="$(wc -l < "$1")"
    [[ "$got" == "$2" ]] || say "!! $1 has $got output records for $2 inputs"
}
if "$bin" extract --help 2>/dev/null | grep -q -- '--input-jsonl'; then
    cores="$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)"
    say "== schmorl extract --input-jsonl, --jobs 1 ($RUNS runs)"
    time_command schmorl1 "$work/out1.jsonl" "$bin" extract --input-jsonl "$work/corpus.jsonl" --jobs 1 --quiet
    check_count "$work/out1.jsonl" "$REPORTS"
    add_row "schmorl extract --input-jsonl, --jobs 1" "$REPORTS" "$last_seconds" "$corpus_bytes" "$last_rss_kb"
    schmorl_s_1="$last_seconds"
    schmorl_rps_1="$(rate "$REPORTS" "$last_seconds")"

    say "== schmorl extract --input-jsonl, default jobs ($cores cores, $RUNS runs)"
    time_command schmorlN "$work/outN.jsonl" "$bin" extract --input-jsonl "$work/corpus.jsonl" --quiet
    check_count "$work/outN.jsonl" "$REPORTS"
    cmp -s "$work/out1.jsonl" "$work/outN.jsonl" || say "!! the outputs of --jobs 1 and the default differ"
    add_row "schmorl extract --input-jsonl, default jobs ($cores)" "$REPORTS" "$last_seconds" "$corpus_bytes" "$last_rss_kb"
    schmorl_rps_n="$(rate "$REPORTS" "$last_seconds")"

    say "== schmorl extract DIR (text files), --jobs 1 ($RUNS runs)"
    time_command schmorlDir "$work/outDir.jsonl" "$bin" extract --jsonl --jobs 1 --quiet "$work/text"
    check_count "$work/outDir.jsonl" "$REPORTS"
    add_row "schmorl extract DIR (.txt files), --jobs 1" "$REPORTS" "$last_seconds" "$corpus_bytes" "$last_rss_kb"
else
    say "!! $bin extract has no --input-jsonl option yet: Schmorl rows skipped"
fi

# 5b. CDA XML (issue 5: 300 times the peer on the same reports): the generator's CDA documents as a directory of
# .xml files, Schmorl on all of them with one job, the peer on the first PEER_REPORTS of them. MB/s here is XML
# bytes per second for Schmorl and, as always, the peer's own definition (its extracted text) for the peer.
schmorl_cda_rps=""
peer_cda_rps=""
if [[ "$CDA_REPORTS" -gt 0 ]] && [[ -n "$schmorl_rps_1" ]]; then
    say "== generating the CDA corpus: $CDA_REPORTS reports, seed 1"
    python3 "$shared/bench/make_corpus.py" --reports "$CDA_REPORTS" --seed 1 --format cda --out "$work/cda" >&2
    mkdir -p "$work/peer-cda"
    # awk, not head: head would stop reading early and, under pipefail, sort's SIGPIPE would end the script.
    find "$work/cda" -name '*.xml' | sort | awk -v n="$PEER_REPORTS" 'NR <= n' | while IFS= read -r file; do
        cp "$file" "$work/peer-cda/"
    done
    cda_bytes="$(find "$work/cda" -name '*.xml' -exec cat {} + | wc -c)"
    say "== schmorl extract DIR (CDA .xml files), --jobs 1 ($RUNS runs)"
    time_command schmorlCDA "$work/outCDA.jsonl" "$bin" extract --jsonl --jobs 1 --quiet "$work/cda"
    check_count "$work/outCDA.jsonl" "$CDA_REPORTS"
    add_row "schmorl extract DIR (CDA .xml files), --jobs 1" "$CDA_REPORTS" "$last_seconds" "$cda_bytes" "$last_rss_kb"
    schmorl_cda_rps="$(rate "$CDA_REPORTS" "$last_seconds")"
    if [[ "$peer_ok" == 1 ]]; then
        say "== peer on CDA: medspaCy, spaCy sentencizer, 1 process, first $PEER_REPORTS CDA files"
        if "$PEER_VENV/bin/python" "$shared/peer/medspacy_schmorl.py" "$work/peer-cda" --time --sentencizer spacy \
            > "$work/peer-cda.out" 2> "$work/peer-cda.err"; then
            line="$(grep -E '^reports=' "$work/peer-cda.err" | tail -n 1)"
            peer_cda_rps="$(sed -E 's/.*reports_per_s=([0-9.]+).*/\1/' <<< "$line")"
            add_row "peer on CDA: medspaCy 1.3.1, spacy sentencizer, 1 process" \
                "$(sed -E 's/.*reports=([0-9]+).*/\1/' <<< "$line")" "$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<< "$line")" \
                "$(sed -E 's/.* bytes=([0-9]+).*/\1/' <<< "$line")" ""
        else
            cat "$work/peer-cda.err" >&2
            say "!! the peer failed on the CDA files (above)"
        fi
    fi
fi

# 6. The floor: grep reading the same file.
say "== grep -ci schmorl corpus.jsonl ($RUNS runs)"
time_command grep "$work/grep.out" grep -ci schmorl "$work/corpus.jsonl"
grep_s="$last_seconds"
add_row "grep -ci schmorl (floor)" "$REPORTS" "$last_seconds" "$corpus_bytes" "$last_rss_kb"

# 7. The table and the ratios.
printf '\n%-60s %8s %10s %12s %9s %10s\n' "command" "reports" "seconds" "reports/s" "MB/s" "peak RSS"
for row in "${rows[@]}"; do
    IFS='|' read -r name n s b rss <<< "$row"
    printf '%-60s %8s %10.3f %12s %9s %10s\n' "$name" "$n" "$s" "$(rate "$n" "$s")" \
        "$(awk -v b="$b" -v s="$s" 'BEGIN { printf "%.2f", (s > 0) ? b / 1e6 / s : 0 }')" \
        "$( [[ -n "$rss" ]] && echo "$((rss / 1024)) MB" || echo "-")"
done
echo
echo "peer: $peer_status"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }
if [[ -n "$schmorl_rps_1" ]]; then
    [[ -n "$peer_rps" ]] && echo "schmorl --jobs 1 / peer (reports/s): $(ratio "$schmorl_rps_1" "$peer_rps")x   (target: 1000x)"
    [[ -n "$peer_rps" ]] && echo "schmorl default jobs / peer (reports/s): $(ratio "$schmorl_rps_n" "$peer_rps")x"
    echo "default jobs / --jobs 1: $(ratio "$schmorl_rps_n" "$schmorl_rps_1")x   (target on 2 cores: 1.8x)"
    echo "schmorl --jobs 1 time / grep -ci time: $(ratio "$schmorl_s_1" "$grep_s")x"
fi
if [[ -n "$schmorl_cda_rps" && -n "$peer_cda_rps" ]]; then
    echo "schmorl CDA --jobs 1 / peer on CDA (reports/s): $(ratio "$schmorl_cda_rps" "$peer_cda_rps")x   (target: 300x)"
fi
echo "machine: $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cores; corpus: make_corpus.py --reports $REPORTS --seed 1"
