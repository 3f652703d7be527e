#!/bin/sh
# One backup set: the database (ycr backup: SQLite's online backup, safe while serving) and the
# key directory (card signing and form keys, needed to verify cards issued before a restore).
# The copy's audit trail is verified before older sets are removed; the newest KEEP sets are kept.
# Usage: ycr-backup.sh YCR_BINARY BACKUP_DIR KEEP KEY_DIR  (ycr-backup.service; or by hand as ycr)
# Arguments, not YCR_* variables: ycr reads every YCR_* variable as one of its settings.
set -eu
ycr=$1 dir=$2 keep=$3 keys=$4
case $keep in ''|*[!0-9]*|0) echo "KEEP must be a whole number above 0" >&2; exit 2 ;; esac
stamp=$(date -u +%Y%m%dT%H%M%SZ)
db="$dir/ycr-$stamp.db"
"$ycr" backup --to "$db"
"$ycr" audit verify --database "$db"
if [ -d "$keys" ]; then
  tar -C "$(dirname "$keys")" -cf "$dir/ycr-$stamp.keys.tar" "$(basename "$keys")"
fi
# Retention: the newest $keep databases (names sort by time) and the key archives of the same sets.
ls -1 "$dir" | grep -E '^ycr-[0-9]{8}T[0-9]{6}Z\.db$' | sort -r | tail -n +"$((keep + 1))" | while read -r old; do
  rm -f "$dir/$old" "$dir/${old%.db}.keys.tar"
done
echo "Backed up to $db; keeping the newest $keep"
