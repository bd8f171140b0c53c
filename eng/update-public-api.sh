#!/usr/bin/env bash
# Regenerates the PublicAPI.Unshipped.txt file of every library that tracks its public API (src/Directory.Build.targets):
# each is reset to its header and refilled by the public API analyzer's own code fix (RS0016: declare the symbol), so
# it lists exactly the public API that PublicAPI.Shipped.txt does not. Run it after a merge that touches public API
# (a conflict in an Unshipped file needs no hand resolution: take either side, then run this), or after adding,
# renaming or removing a public member, then review the diff. Shipped files are never touched: a change to released
# API must be a deliberate edit.
#
#   bash eng/update-public-api.sh              # every tracked library
#   bash eng/update-public-api.sh FeatureFlags.Sql FeatureFlags  # only these (names of src/ folders)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -gt 0 ]; then
  projects=("$@")
else
  projects=()
  for shipped in src/*/PublicAPI.Shipped.txt; do
    projects+=("$(basename "$(dirname "$shipped")")")
  done
fi

# The build holds this lock on shared machines; take it unless the caller already does.
lock=()
if [ -z "${FF_BUILD_LOCKED:-}" ] && command -v flock >/dev/null 2>&1; then
  lock=(flock /tmp/ff-build.lock)
fi

for name in "${projects[@]}"; do
  project="src/$name/$name.csproj"
  unshipped="src/$name/PublicAPI.Unshipped.txt"
  [ -f "$project" ] && [ -f "src/$name/PublicAPI.Shipped.txt" ] || { echo "update-public-api: $name tracks no public API" >&2; exit 1; }
  # The header keeps nullable annotations tracked (without it the analyzer reports RS0037).
  printf '#nullable enable\n' >"$unshipped"
  "${lock[@]}" dotnet format analyzers "$project" --diagnostics RS0016 --severity warn -v quiet
  echo "update-public-api: $name: $(($(wc -l <"$unshipped") - 1)) unshipped entries"
done
