#!/usr/bin/env bash
# Every supported Python found on this machine builds the same report.
# For each of 3.11, 3.12, 3.13 (or the versions given): a fresh clone of this repository's HEAD, `make report`
# with that Python (which creates its .venv first, as for a new user), then the tests that read the outputs back;
# last, the PDFs and workbooks of every version are compared byte for byte. A version not found is named as
# skipped, never as passed. Exit status: non-zero if any version found fails or any output differs.
#   tools/check_pythons.sh [3.11 3.12 3.13]      (make check-pythons; CI runs it)
#   tools/check_pythons.sh --first-run-only       (make bench: the first `make report` of a new user, per version)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
first_run_only=""
if [ "${1:-}" = "--first-run-only" ]; then first_run_only=1; shift; fi  # make bench: the timing alone
versions=(3.11 3.12 3.13)
[ $# -gt 0 ] && versions=("$@")
work=$(mktemp -d)
[ -n "${KEEP_WORK:-}" ] && echo "[pythons] work folder kept: $work" || trap 'rm -rf "$work"' EXIT
READ_BACK=(tests/test_environment.py tests/test_outputs.py tests/test_report.py)

find_python() {  # X.Y -> the path of an interpreter of that version that runs, or nothing
    local pyenv_root cand
    pyenv_root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
    for cand in "python$1" $(ls -d "$pyenv_root"/versions/"$1".*/bin/python"$1" 2>/dev/null | sort -V -r); do
        cand=$(command -v "$cand" 2>/dev/null) || continue
        if "$cand" -c 'import sys; sys.exit(sys.version_info[:2] != tuple(map(int, sys.argv[1].split("."))))' "$1" \
            2>/dev/null; then
            echo "$cand"
            return
        fi
    done
}

rev=$(git -C "$root" rev-parse HEAD)  # every version builds this commit, even if HEAD moves meanwhile
passed=0 failed=0 skipped=0 built=()
for v in "${versions[@]}"; do
    py=$(find_python "$v")
    if [ -z "$py" ]; then
        echo "[pythons] Python $v: skipped (not found on the PATH or under pyenv)"
        skipped=$((skipped + 1))
        continue
    fi
    full=$("$py" -c 'import platform; print(platform.python_version())')
    clone="$work/$v"
    git clone --quiet "$root" "$clone" && git -C "$clone" checkout --quiet "$rev"
    echo "[pythons] Python $full ($py): fresh clone, make report"
    start=$(date +%s%N)
    if ! make -C "$clone" --no-print-directory report PYTHON="$py" >"$work/$v.log" 2>&1; then
        echo "[pythons] Python $full: make report FAILED; its last lines:"
        tail -n 20 "$work/$v.log" | sed 's/^/    /'
        failed=$((failed + 1))
        continue
    fi
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    printf '[pythons] Python %s: first make report (environment included) %d.%d s\n' "$full" $((ms / 1000)) $((ms % 1000 / 100))
    if [ -n "$first_run_only" ]; then passed=$((passed + 1)); continue; fi
    if (cd "$clone" && .venv/bin/python -m pytest "${READ_BACK[@]}" -q -p no:cacheprovider >"$work/$v.tests" 2>&1); then
        echo "[pythons] Python $full: read-back tests: $(tail -n 1 "$work/$v.tests")"
        passed=$((passed + 1))
        built+=("$v")
    else
        echo "[pythons] Python $full: read-back tests FAILED:"
        tail -n 30 "$work/$v.tests" | sed 's/^/    /'
        failed=$((failed + 1))
    fi
done

# Same outputs on every version: each version's PDFs and workbooks against the first one's.
if [ ${#built[@]} -ge 2 ]; then
    first=${built[0]}
    for v in "${built[@]:1}"; do
        for f in "$work/$first"/reports/*.pdf "$work/$first"/reports/*.xlsx; do
            name=$(basename "$f")
            if cmp -s "$f" "$work/$v/reports/$name"; then
                echo "[pythons] $name: Python $v byte-identical to Python $first"
            else
                echo "[pythons] $name: Python $v DIFFERS from Python $first"
                failed=$((failed + 1))
            fi
        done
    done
fi
echo "pythons: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
