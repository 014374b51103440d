#!/usr/bin/env bash
# Publish a built archive to any S3-compatible bucket (AWS S3, Cloudflare R2, Backblaze B2, MinIO,
# Wasabi, DigitalOcean Spaces...) with rclone, every object with the Content-Type and Cache-Control of
# src/serve/headers.ts (tests/deploy checks this script's plan against it for every file of a build).
#
#   deploy/s3-sync.sh [--plan] [--keep-stale] SITE_DIR REMOTE:BUCKET[/PATH]
#
#   SITE_DIR         the build output (`npm run build -- --out SITE_DIR`)
#   REMOTE:BUCKET    an rclone remote (`rclone config`, or RCLONE_CONFIG_<NAME>_* variables; see deploy/README.md);
#                    a site built with --path-prefix /archive/ goes to REMOTE:BUCKET/archive
#   --plan           print "content-type<TAB>cache-control<TAB>path" for every file; upload nothing
#   --keep-stale     do not delete objects that are no longer in the build
#   RCLONE_FLAGS     extra flags for every rclone call, e.g. "--transfers 32 --dry-run"
#
# Order: content-hashed files first, then the rest, pages and the service worker last, then stale
# objects are deleted, so a reader never gets a page whose stylesheet or index is not there yet.
# Only changed files are uploaded (--checksum compares MD5s), so a rebuild of 100,000 articles
# re-sends only what changed. Needs bash 4, GNU find and rclone 1.52 or later.
set -euo pipefail

plan=false
keep_stale=false
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --plan) plan=true ;;
    --keep-stale) keep_stale=true ;;
    *) echo "s3-sync: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
site=${1:-}
dest=${2:-}
if [[ -z $site ]] || { ! $plan && [[ -z $dest ]]; }; then
  echo "usage: deploy/s3-sync.sh [--plan] [--keep-stale] SITE_DIR REMOTE:BUCKET[/PATH]" >&2
  exit 2
fi
# A wrong SITE_DIR would otherwise delete the whole bucket as "stale".
if [[ ! -f $site/.archive-build || ! -f $site/index.html ]]; then
  echo "s3-sync: $site is not a built archive (no .archive-build marker or index.html); run npm run build first" >&2
  exit 1
fi

IMMUTABLE="public, max-age=31536000, immutable"
REVALIDATE="no-cache"
SHORT="public, max-age=3600"

# Both set a variable rather than print (no subshell per file: an archive has 200,000+ files).
content_type() { # file name → $ct (CONTENT_TYPES in src/serve/headers.ts)
  local name=${1##*/}
  name=${name,,}
  case $name in
    *.html) ct="text/html; charset=utf-8" ;;
    *.css) ct="text/css; charset=utf-8" ;;
    *.js | *.mjs) ct="text/javascript; charset=utf-8" ;;
    *.json) ct="application/json; charset=utf-8" ;;
    *.webmanifest) ct="application/manifest+json; charset=utf-8" ;;
    *.xml) ct="application/xml; charset=utf-8" ;;
    *.txt) ct="text/plain; charset=utf-8" ;;
    *.svg) ct="image/svg+xml" ;;
    *.png) ct="image/png" ;;
    *.jpg | *.jpeg) ct="image/jpeg" ;;
    *.gif) ct="image/gif" ;;
    *.webp) ct="image/webp" ;;
    *.avif) ct="image/avif" ;;
    *.ico) ct="image/x-icon" ;;
    *.wasm | *.pagefind) ct="application/wasm" ;;
    *) ct="application/octet-stream" ;;
  esac
}

# CACHE_RULES in src/serve/headers.ts, same order, on the site path.
rules=(
  '(^|/)sw\.js$' "$REVALIDATE"
  '(/|\.html)$' "$REVALIDATE"
  '^/pagefind/(parts/[^/]+/)?(pagefind[^/]*\.(js|css|json)|wasm\.[^/]+\.pagefind)$' "$REVALIDATE"
  '/[^/]+\.[0-9a-f]{10}\.(css|js|json)$' "$IMMUTABLE"
  '^/pagefind/(parts/[^/]+/)?(index|fragment|filter)/[^/]+\.pf_(index|fragment|filter)$' "$IMMUTABLE"
  '^/pagefind/(parts/[^/]+/)?pagefind\.[^/]+\.pf_meta$' "$IMMUTABLE"
)
cache_control() { # site path → $cc
  local i
  for ((i = 0; i < ${#rules[@]}; i += 2)); do
    if [[ $1 =~ ${rules[i]} ]]; then
      cc=${rules[i + 1]}
      return
    fi
  done
  cc=$SHORT
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One list of files per (Content-Type, Cache-Control) pair, each file in exactly one list.
declare -A group_of=()
declare -a groups=()
while IFS= read -r -d '' rel; do
  content_type "$rel"
  cache_control "/$rel"
  if $plan; then
    printf '%s\t%s\t%s\n' "$ct" "$cc" "$rel"
    continue
  fi
  key="$cc|$ct"
  if [[ -z ${group_of[$key]:-} ]]; then
    group_of[$key]="$work/group-${#groups[@]}.list"
    groups+=("$key")
  fi
  printf '%s\n' "$rel" >>"${group_of[$key]}"
done < <(cd "$site" && find . -type f ! -path './.archive-*' -printf '%P\0' | LC_ALL=C sort -z)
$plan && exit 0

# shellcheck disable=SC2206 # RCLONE_FLAGS is a list of flags, split on spaces on purpose
extra=(${RCLONE_FLAGS:-})
upload_class() {
  local key
  for key in "${groups[@]}"; do
    [[ ${key%%|*} == "$1" ]] || continue
    echo "s3-sync: $(wc -l <"${group_of[$key]}") file(s) as ${key#*|}; ${key%%|*}" >&2
    rclone copy "$site" "$dest" --files-from-raw "${group_of[$key]}" --checksum \
      --header-upload "Content-Type: ${key#*|}" --header-upload "Cache-Control: ${key%%|*}" "${extra[@]}"
  done
}
upload_class "$IMMUTABLE"
upload_class "$SHORT"
upload_class "$REVALIDATE"

if ! $keep_stale; then
  (cd "$site" && find . -type f ! -path './.archive-*' -printf '%P\n' | LC_ALL=C sort) >"$work/local.list"
  rclone lsf -R --files-only "$dest" "${extra[@]}" | LC_ALL=C sort >"$work/remote.list"
  LC_ALL=C comm -13 "$work/local.list" "$work/remote.list" >"$work/stale.list"
  if [[ -s $work/stale.list ]]; then
    echo "s3-sync: deleting $(wc -l <"$work/stale.list") object(s) no longer in the build" >&2
    rclone delete "$dest" --files-from-raw "$work/stale.list" "${extra[@]}"
  fi
fi
echo "s3-sync: done" >&2
