#!/usr/bin/env bash
# Restore benchmark: thaw-cli download against curl, both fetching the same archive-retrieval
# job output (SIZE GiB) from one thaw-emulator over loopback.
#
#   tests/benchmarks/restore.sh [BUILD_DIR] [SIZE_GIB]     (defaults: build, 4)
#
# Creates ${TMPDIR:-/tmp}/thaw-restore-bench-<SIZE>GiB.bin once (random bytes; reused by later
# runs) and, next to it, the emulator's data directory <file>.emu (seeded once with
# --seed-archive bench:FILE, which copies the file and computes its leaf hashes; seeding is not
# idempotent, so later runs restart the emulator on the same directory without it) and
# <file>.emu.archive-id (the seeded archive's id). Each run starts the emulator on a free port,
# initiates a fresh archive-retrieval job (job delay 0: it succeeds at once), reads the served
# archive once so that both clients are fed from the page cache (the page cache cannot be
# dropped without root; both read it equally), then alternates, RUNS times (default 3):
#   - thaw-cli download --vault-name bench --job-id J --out OUT (default chunk size and
#     parallelism; every chunk tree-hashed and checked, the root checked against the job's hash,
#     the .part fdatasync'ed per chunk and renamed), which must report "Verified": true and
#     whose output must equal the source file (cmp, outside the timing);
#   - curl of the whole output with one SigV4-signed GET (signed by thaw-cli sign), whose
#     output must equal the source file (cmp, outside the timing).
# OUT, OUT.part and OUT.part.journal are removed before each run, then the file system is synced
# (sync -f) so that no run pays for the writeback or discards of the previous one; curl's output
# is fdatasync'ed after its timing, shown for information (thaw-cli's time includes its syncs),
# and a second ratio against that durable curl download (curl + fdatasync) is printed too.
# Prints the best wall time of each, the ratio thaw/curl and Thaw's peak RSS (GNU time's %M, the
# largest of the runs), and the load average; and, to show where the time goes on a busy or
# small machine, the CPU seconds (user + system) of each client and of the emulator serving it,
# per run. Each target is reported as met or missed.
# Targets: ratio <= 1.1 (verifying every chunk costs at most 10 % over a plain GET) and peak
# RSS <= 64 MiB (memory is bounded, not proportional to the output).
# THAW_ARGS (e.g. "--parallel 2 --chunk-size 32") is added to thaw-cli download's arguments.
# Needs curl, openssl and /usr/bin/time (Debian packages curl, openssl and time; all in
# packaging/install-deps.sh --tests) and about 3 x SIZE GiB free in ${TMPDIR:-/tmp}
# (source, the emulator's copy, one output at a time). Exits 1 when a target is missed.
# Run it on an otherwise idle machine.
set -euo pipefail

build_dir=${1:-build}
size_gib=${2:-4}
runs=${RUNS:-3}
read -r -a thaw_args <<<"${THAW_ARGS:-}"
me=restore.sh
cli="$build_dir/app/cli/thaw-cli"
emulator="$build_dir/emulator/thaw-emulator"
[[ -x $cli ]] || { echo "$me: no thaw-cli at $cli; build first" >&2; exit 2; }
[[ -x $emulator ]] || { echo "$me: no thaw-emulator at $emulator; build first" >&2; exit 2; }
[[ $size_gib =~ ^[1-9][0-9]*$ ]] || { echo "$me: SIZE_GIB must be a positive integer" >&2; exit 2; }
for tool in curl openssl cmp; do
    command -v "$tool" >/dev/null || { echo "$me: $tool missing (packaging/install-deps.sh --tests)" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "$me: /usr/bin/time missing (apt install time)" >&2; exit 2; }

tmp=${TMPDIR:-/tmp}
file=$tmp/thaw-restore-bench-${size_gib}GiB.bin
data=$file.emu
id_file=$data.archive-id
size=$((size_gib * 1024 * 1024 * 1024))
out_thaw=$tmp/thaw-restore-bench.thaw.out
out_curl=$tmp/thaw-restore-bench.curl.out
log=$tmp/thaw-restore-bench.emulator.log

export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
unset AWS_SESSION_TOKEN AWS_PROFILE

if [[ ! -f $file || $(stat -c %s "$file") -ne $size ]]; then
    echo "creating $file ..."
    # AES-CTR keystream: random-looking bytes at GB/s (head -c from /dev/urandom is far slower)
    # (openssl ends on SIGPIPE once head has enough: the size is checked instead)
    { openssl enc -aes-128-ctr -pass pass:thaw-restore-bench -nosalt -pbkdf2 </dev/zero 2>/dev/null \
        || true; } | head -c "$size" >"$file.part"
    [[ $(stat -c %s "$file.part") -eq $size ]] || { echo "$me: could not create $file" >&2; exit 2; }
    mv "$file.part" "$file"
    rm -rf "$data" "$id_file" # a new source invalidates the seeded copy
fi

emu_pid=""
cleanup() {
    if [[ -n $emu_pid ]]; then
        kill "$emu_pid" 2>/dev/null || true
        wait "$emu_pid" 2>/dev/null || true
    fi
    rm -f "$out_thaw" "$out_thaw.part" "$out_thaw.part.journal" "$out_curl" "$log" \
        "$tmp/thaw-restore-bench.summary" "$tmp/thaw-restore-bench.time"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_emulator [ARGS...]: starts the emulator on $data, sets $emu_pid and $port
start_emulator() {
    : >"$log" # exists before the first poll
    "$emulator" --port 0 --data "$data" "$@" >"$log" 2>&1 &
    emu_pid=$!
    local waited=0
    port=""
    while [[ -z $port ]]; do
        port=$(awk 'NR == 1 && $1 == "LISTENING" { print $2 }' "$log")
        [[ -n $port ]] && break
        if ! kill -0 "$emu_pid" 2>/dev/null; then
            echo "$me: thaw-emulator exited:" >&2
            cat "$log" >&2
            exit 2
        fi
        ((waited++ < 6000)) || { echo "$me: thaw-emulator did not listen within 600 s" >&2; exit 2; }
        sleep 0.1
    done
}

archive_id=""
[[ -f $id_file ]] && archive_id=$(cat "$id_file")
if [[ -n $archive_id && -f $data/archives/$archive_id.data && -f $data/state.json
      && $(stat -c %s "$data/archives/$archive_id.data") -eq $size ]]; then
    start_emulator
else
    echo "seeding $data (copies the file and hashes its leaves once) ..."
    rm -rf "$data" "$id_file"
    start_emulator --seed-archive "bench:$file"
    shopt -s nullglob
    seeded=("$data"/archives/*.data)
    shopt -u nullglob
    [[ ${#seeded[@]} -eq 1 ]] || { echo "$me: expected one seeded archive in $data/archives" >&2; exit 2; }
    archive_id=$(basename "${seeded[0]}" .data)
    echo "$archive_id" >"$id_file"
fi
endpoint=http://127.0.0.1:$port
thaw=("$cli" --region us-east-1 --endpoint-url "$endpoint")

job_id=$("${thaw[@]}" --output text initiate-job --vault-name bench \
    --job-parameters "{\"Type\":\"archive-retrieval\",\"ArchiveId\":\"$archive_id\"}" \
    | awk -F'\t' '$1 == "jobId" { print $2 }')
[[ -n $job_id ]] || { echo "$me: initiate-job gave no job id" >&2; exit 2; }
path=/-/vaults/bench/jobs/$job_id/output

cat "$file" "$data/archives/$archive_id.data" >/dev/null # warm the page cache

# cpu_ticks PID: user + system clock ticks of a process so far
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
ticks_per_s=$(getconf CLK_TCK)
ticks_to_s() { awk -v t="$1" -v h="$ticks_per_s" 'BEGIN { printf "%.2f", t / h }'; }
# elapsed START_NS END_NS: seconds with 3 decimals
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
# is_less A B: A < B (floats)
is_less() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

thaw_best="" curl_best="" curl_sync="" durable_best="" rss_kib=0 summary=""
for ((run = 1; run <= runs; run++)); do
    # thaw-cli download, default chunk size and parallelism
    rm -f "$out_thaw" "$out_thaw.part" "$out_thaw.part.journal"
    sync -f "$tmp" # neither tool waits for the writeback (or discards) of the previous run
    emu_before=$(cpu_ticks "$emu_pid")
    start=$(date +%s%N)
    if ! /usr/bin/time -f '%e %M %U %S' -o "$tmp/thaw-restore-bench.time" \
        "${thaw[@]}" download --vault-name bench --job-id "$job_id" --out "$out_thaw" \
        ${thaw_args[@]+"${thaw_args[@]}"} >"$tmp/thaw-restore-bench.summary"; then
        echo "$me: thaw-cli download failed:" >&2
        cat "$tmp/thaw-restore-bench.summary" >&2
        exit 1
    fi
    end=$(date +%s%N)
    emu_cpu=$(ticks_to_s $(($(cpu_ticks "$emu_pid") - emu_before)))
    t=$(elapsed "$start" "$end")
    summary=$(cat "$tmp/thaw-restore-bench.summary")
    rm -f "$tmp/thaw-restore-bench.summary"
    grep -q '"Verified": true' <<<"$summary" \
        || { echo "$me: thaw-cli download not verified:" >&2; echo "$summary" >&2; exit 1; }
    kib=$(tail -n 1 "$tmp/thaw-restore-bench.time" | awk '{ print $2 }')
    cpu=$(tail -n 1 "$tmp/thaw-restore-bench.time" | awk '{ printf "%.2f", $3 + $4 }')
    rm -f "$tmp/thaw-restore-bench.time"
    ((kib > rss_kib)) && rss_kib=$kib
    # Outside the timing: the bytes on disk, not only the hashes of what was received, are the
    # source's (the tree hashes are computed from memory, before the write).
    cmp -s "$out_thaw" "$file" || { echo "$me: thaw-cli's output differs from $file" >&2; exit 1; }
    echo "run $run: thaw-cli download $t s, peak RSS $((kib / 1024)) MiB, CPU $cpu s (emulator $emu_cpu s)"
    if [[ -z $thaw_best ]] || is_less "$t" "$thaw_best"; then thaw_best=$t; fi
    rm -f "$out_thaw"

    # curl: one signed GET of the whole output
    rm -f "$out_curl"
    sync -f "$tmp"
    amz_date=$(date -u +%Y%m%dT%H%M%SZ)
    auth=$(printf 'GET %s HTTP/1.1\nHost: 127.0.0.1:%s\nx-amz-glacier-version: 2012-06-01\nX-Amz-Date: %s\n\n' \
        "$path" "$port" "$amz_date" | "$cli" sign --region us-east-1 --service glacier | tail -n 1)
    emu_before=$(cpu_ticks "$emu_pid")
    start=$(date +%s%N)
    code=$(/usr/bin/time -f '%U %S' -o "$tmp/thaw-restore-bench.time" \
        curl -sS -o "$out_curl" -w '%{http_code}' -H 'x-amz-glacier-version: 2012-06-01' \
        -H "X-Amz-Date: $amz_date" -H "Authorization: $auth" "$endpoint$path")
    end=$(date +%s%N)
    emu_cpu=$(ticks_to_s $(($(cpu_ticks "$emu_pid") - emu_before)))
    cpu=$(tail -n 1 "$tmp/thaw-restore-bench.time" | awk '{ printf "%.2f", $1 + $2 }')
    rm -f "$tmp/thaw-restore-bench.time"
    t=$(elapsed "$start" "$end")
    start=$(date +%s%N)
    sync -d "$out_curl" # for information only: curl leaves its bytes in the page cache
    end=$(date +%s%N)
    s=$(elapsed "$start" "$end")
    [[ $code == 200 ]] || { echo "$me: curl got HTTP $code:" >&2; head -c 2000 "$out_curl" >&2; exit 1; }
    cmp -s "$out_curl" "$file" || { echo "$me: curl's output differs from $file" >&2; exit 1; }
    echo "run $run: curl                $t s, CPU $cpu s (emulator $emu_cpu s; then fdatasync of its output: $s s)"
    if [[ -z $curl_best ]] || is_less "$t" "$curl_best"; then curl_best=$t curl_sync=$s; fi
    d=$(awk -v a="$t" -v b="$s" 'BEGIN { printf "%.3f", a + b }')
    if [[ -z $durable_best ]] || is_less "$d" "$durable_best"; then durable_best=$d; fi
    rm -f "$out_curl"
done

ratio=$(awk -v a="$thaw_best" -v b="$curl_best" 'BEGIN { printf "%.2f", a / b }')
durable_ratio=$(awk -v a="$thaw_best" -v b="$durable_best" 'BEGIN { printf "%.2f", a / b }')
rss_mib=$(awk -v k="$rss_kib" 'BEGIN { printf "%.1f", k / 1024 }')
field() { sed -n "s/^ *\"$1\": *\"\{0,1\}\([^\",]*\).*/\1/p" <<<"$summary"; }
rate() { awk -v s="$size" -v t="$1" 'BEGIN { printf "%.0f MB/s", s / t / 1e6 }'; }

echo "output:               $size_gib GiB job output served by thaw-emulator on 127.0.0.1 (page cache warm), $(nproc) cores"
echo "load average:         $(cut -d' ' -f1-3 /proc/loadavg)   (other work on the machine skews the ratio)"
echo "thaw chunks:          $(field Chunks) x $(field ChunkSizeMiB) MiB, ${THAW_ARGS:-default parallelism}, verified by $(field VerifiedBy)"
echo "thaw-cli download:    $thaw_best s (best of $runs, $(rate "$thaw_best"))"
echo "curl:                 $curl_best s (best of $runs, $(rate "$curl_best"); its output still in the page cache, fdatasync after: $curl_sync s, not counted)"
ratio_met=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.1) ? "met" : "MISSED" }')
rss_met=$(awk -v k="$rss_kib" 'BEGIN { print (k <= 64 * 1024) ? "met" : "MISSED" }')
echo "ratio thaw/curl:      $ratio   (target <= 1.10: $ratio_met)"
echo "ratio thaw/durable:   $durable_ratio   (for information: against curl + fdatasync of its output, best of $runs = $durable_best s; Thaw's time includes its syncs)"
echo "thaw peak RSS:        $rss_mib MiB   (target <= 64 MiB: $rss_met)"
if [[ $ratio_met == met && $rss_met == met ]]; then
    echo "result:               targets met"
else
    echo "result:               TARGETS MISSED"
    exit 1
fi
