#!/usr/bin/env bash
# Build time of the samples with and without the FeatureFlags analyzer (and its generator): each sample project alone
# (--no-dependencies), rebuilt from scratch (--no-incremental), runs alternating, after one warm-up of each.
# Run it under the machine's build lock: flock /tmp/ff-build.lock bash tests/FeatureFlags.Benchmarks/analyzer-build-time.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-3}
dotnet build samples/FeatureFlags.Samples.Web --nologo -v quiet >/dev/null   # dependencies built once, outside the timing

build() { # $1 = true|false
  local start end
  start=$(date +%s.%N)
  for sample in samples/FeatureFlags.Samples.Console samples/FeatureFlags.Samples.Web; do
    dotnet build "$sample" --no-dependencies --no-incremental --nologo -v quiet -p:FeatureFlagsAnalyzer="$1" >/dev/null
  done
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

build true >/dev/null; build false >/dev/null
with=(); without=()
for _ in $(seq "$runs"); do
  with+=("$(build true)")
  without+=("$(build false)")
done
mean() { printf '%s\n' "$@" | awk '{ s += $1 } END { printf "%.2f", s / NR }'; }
echo "with analyzer (s):    ${with[*]}  mean $(mean "${with[@]}")"
echo "without analyzer (s): ${without[*]}  mean $(mean "${without[@]}")"
awk -v a="$(mean "${with[@]}")" -v b="$(mean "${without[@]}")" 'BEGIN { printf "difference: %+.1f %%\n", (a - b) / b * 100 }'
