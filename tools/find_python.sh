#!/bin/sh
# Which Python make uses: prints "ok EXECUTABLE X.Y" or "error MESSAGE" (always exit 0, so make can read it).
#   tools/find_python.sh             python3 if supported, else the newest python3.13/3.12/3.11 that runs
#   tools/find_python.sh PYTHON      that one, if it runs and is supported
#   tools/find_python.sh --venv DIR  the Python DIR was made with, when it still runs and is supported (so a
#                                    plain `make` keeps the Python a user chose once); else as without it
# "Runs" matters: pyenv puts shims on the PATH for versions that are installed but not selected, and
# they fail when called. EXECUTABLE is the interpreter itself (sys.executable), not a shim.
SUPPORTED="3.11 3.12 3.13"
WORDS="3.11, 3.12 or 3.13"

probe() {  # sets full=X.Y.Z and exe=EXECUTABLE for a Python that runs; full is empty otherwise
    out=$("$1" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3], sys.executable)' 2>/dev/null)
    full=${out%% *}
    exe=${out#* }
}

supported() {  # X.Y.Z -> 0 when X.Y is supported
    case " $SUPPORTED " in *" ${1%.*} "*) return 0 ;; esac
    return 1
}

pyenv_hint() {  # a pyenv shim of a version that is installed but not selected: name the interpreter that runs
    root=${PYENV_ROOT:-$HOME/.pyenv}
    command -v pyenv >/dev/null 2>&1 && root=$(pyenv root 2>/dev/null || echo "$root")
    want=${1##*/}
    case "$want" in python3.1[0-9]*) want=${want#python} ;; *) want="" ;; esac
    for exe in "$root"/versions/${want:-3.1[123]}*/bin/python3; do
        probe "$exe"
        if [ -n "$full" ] && supported "$full"; then
            printf ' (a pyenv shim of a version that is not selected?) This one runs: PYTHON=%s' "$exe"
            return
        fi
    done
}

venv_base() {  # sets base= the interpreter the virtual environment in folder $1 was made from, as it records it
    base=""
    if [ -f "$1/pyvenv.cfg" ]; then
        while IFS= read -r line; do  # shell builtins only: make may run this with a bare PATH
            case "$line" in "executable = "*) base=${line#executable = } ;; esac
        done < "$1/pyvenv.cfg"
    fi
}

if [ "$1" = "--venv" ]; then
    # The venv's base interpreter, as the venv records it; only when that interpreter still runs.
    base=""
    [ -f "$2/.installed" ] && venv_base "$2"
    if [ -n "$base" ]; then
        probe "$base"
        if [ -n "$full" ] && supported "$full"; then
            echo "ok $exe ${full%.*}"
            exit 0
        fi
    fi
    shift $#
fi

if [ -n "$1" ]; then
    # A virtual environment's Python given (.venv's own, which making .venv again would delete) stands for the
    # interpreter that environment was made from.
    case "$1" in */bin/python*) venv_base "${1%/bin/*}"; [ -n "$base" ] && set -- "$base" ;; esac
    probe "$1"
    if [ -z "$full" ]; then
        echo "error PYTHON=$1 does not run here$(pyenv_hint "$1"). This project needs Python $WORDS: set PYTHON to one of them, or leave it unset to let make choose"
    elif supported "$full"; then
        echo "ok $exe ${full%.*}"
    else
        echo "error PYTHON=$1 is Python $full, which this project does not support. It needs Python $WORDS: set PYTHON to one of them (e.g. PYTHON=python3.12), or leave it unset to let make choose"
    fi
    exit 0
fi

found=""
for cand in python3 python3.13 python3.12 python3.11; do
    path=$(command -v "$cand" 2>/dev/null) || continue
    probe "$path"
    if [ -z "$full" ]; then
        found="$found $cand (does not run)"
    elif supported "$full"; then
        echo "ok $exe ${full%.*}"
        exit 0
    else
        found="$found $cand (Python $full)"
    fi
done
echo "error No supported Python found. This project needs Python $WORDS; found:${found:- no python3 on the PATH}. Install one (python.org, your package manager or pyenv), or name it with PYTHON=/path/to/python3.12"
