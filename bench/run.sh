#!/usr/bin/env bash
# Runs the benchmark (see the README's Benchmarks section); installs wrk from Debian's packages when it is missing.
# Example: bench/run.sh --duration 10 --runs 3 --connections 10,50,200
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then apt-get update -q && apt-get install -y -q wrk; else sudo apt-get update -q && sudo apt-get install -y -q wrk; fi
fi
exec python3 bench/run.py "$@"
