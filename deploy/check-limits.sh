#!/usr/bin/env bash
# Before publishing: does this build fit the host's limits? Prints the figures, exits 1 if not.
#
#   deploy/check-limits.sh HOST [SITE_DIR]      (SITE_DIR defaults to _site)
#
#   HOST   github-pages           site at most 1 GB
#          netlify                at most 54,000 files in any one folder
#          cloudflare-pages       at most 20,000 files (Free plan), 25 MiB a file
#          cloudflare-pages-paid  at most 100,000 files (paid plans), 25 MiB a file
#          nginx | s3             no limit that an archive reaches (S3: 5 GB a single upload)
#
# Figures are counted as the hosts count them: every file, the build's own .archive-build state and .archive-cache excepted
# (deploy/_headers and _redirects count as files but are tiny). Needs GNU find.
set -euo pipefail

host=${1:-}
site=${2:-_site}
if [[ -z $host || ! -d $site ]]; then
  echo "usage: deploy/check-limits.sh github-pages|netlify|cloudflare-pages|cloudflare-pages-paid|nginx|s3 [SITE_DIR]" >&2
  exit 2
fi

max_files=0 max_bytes=0 max_file=0 max_per_dir=0
case $host in
  github-pages) max_bytes=1000000000 ;;
  netlify) max_per_dir=54000 ;;
  cloudflare-pages) max_files=20000 max_file=$((25 * 1024 * 1024)) ;;
  cloudflare-pages-paid) max_files=100000 max_file=$((25 * 1024 * 1024)) ;;
  nginx) ;;
  s3) max_file=5000000000 ;;
  *) echo "check-limits: unknown host $host" >&2; exit 2 ;;
esac

# One pass: size, then the folder of each file.
IFS=$'\t' read -r files bytes largest largest_name busiest busiest_dir < <(
  find "$site" -type f ! -path "$site/.archive-*" -printf '%s\t%h\t%P\n' | awk -F '\t' '
    { n++; s += $1; if ($1 > big) { big = $1; name = $3 } per[$2]++ }
    END {
      for (d in per) if (per[d] > most) { most = per[d]; dir = d }
      printf "%d\t%d\t%d\t%s\t%d\t%s\n", n, s, big, (name == "" ? "-" : name), most, (dir == "" ? "-" : dir)
    }'
)

echo "$site: $files files, $bytes bytes; largest file $largest bytes ($largest_name); most files in one folder: $busiest ($busiest_dir)"
fail=0
over() { echo "check-limits: $host: $1" >&2; fail=1; }
((max_files == 0 || files <= max_files)) || over "$files files, the limit is $max_files"
((max_bytes == 0 || bytes <= max_bytes)) || over "$bytes bytes, the limit is $max_bytes"
((max_file == 0 || largest <= max_file)) || over "$largest_name is $largest bytes, the limit is $max_file a file"
((max_per_dir == 0 || busiest <= max_per_dir)) || over "$busiest_dir holds $busiest files, the limit is $max_per_dir in one folder"
if ((fail)); then
  echo "check-limits: the build does not fit $host; see deploy/README.md (Limits at 100,000 articles)" >&2
  exit 1
fi
echo "check-limits: fits $host"
