#!/bin/sh
# osmigration result envelope, wrapped around every script the Cloud Assistant client runs.
#
# Cloud Assistant keeps only part of a command's output (the first running-output reports, then the last LogQuota
# bytes; at least 12,000 bytes: aliyun/aliyun_assist_client agent/taskengine/basetask.go). So this wrapper never
# prints more than the client's budget: the script's console goes to a log file on the instance, its result (its
# standard output, or the file it writes to $OSM_RESULT_FILE) is compressed and checksummed on the instance, and only
# the console's tail and a one-line header are printed, plus the result itself when it fits. Larger results are read
# back in chunks by later invocations (chunk.sh). The script's exit code is passed through unchanged, so exit 194
# still makes the agent restart the instance after it has reported (agent/taskengine/host/processor.go).
#
# The client fills in the placeholders with checked values: a key of [a-z0-9-], numbers, and a capture mode.
osm_key='__OSM_KEY__'
osm_capture='__OSM_CAPTURE__'
osm_tail_bytes='__OSM_TAIL_BYTES__'
osm_chunk_bytes='__OSM_CHUNK_BYTES__'
osm_inline_bytes='__OSM_INLINE_BYTES__'
osm_dir="${OSM_ROOT:-}/var/lib/osmigration/results"
umask 077
if ! mkdir -p "$osm_dir"; then
  echo "OSM_RESULT_ERROR cannot create $osm_dir"
  exit 97
fi
# Results are kept for the client to read back (also after a restart); old ones go.
find "$osm_dir" -type f -mtime +__OSM_RETENTION_DAYS__ -exec rm -f {} + 2>/dev/null
osm_base="$osm_dir/$osm_key"
cat >"$osm_base.sh" <<'OSM_SCRIPT_EOF_4d1c'
__OSM_SCRIPT__
OSM_SCRIPT_EOF_4d1c
: >"$osm_base.out"
: >"$osm_base.log"
case "$osm_capture" in
  stdout)
    sh "$osm_base.sh" >"$osm_base.out" 2>"$osm_base.log" </dev/null
    osm_status=$?
    ;;
  file)
    OSM_RESULT_FILE="$osm_base.out" sh "$osm_base.sh" >"$osm_base.log" 2>&1 </dev/null
    osm_status=$?
    ;;
  *)
    sh "$osm_base.sh" >"$osm_base.log" 2>&1 </dev/null
    osm_status=$?
    ;;
esac
osm_sha256() {
  sha256sum "$1" 2>/dev/null | cut -d ' ' -f 1
}
osm_size() {
  wc -c <"$1" | tr -d ' '
}
osm_encoding=identity
if [ "$osm_capture" != none ] && command -v gzip >/dev/null 2>&1 && gzip -c -n "$osm_base.out" >"$osm_base.enc"; then
  osm_encoding=gzip
else
  cp "$osm_base.out" "$osm_base.enc"
fi
osm_enc_size=$(osm_size "$osm_base.enc")
osm_chunks=$(( (osm_enc_size + osm_chunk_bytes - 1) / osm_chunk_bytes ))
osm_inline=0
if [ "$osm_enc_size" -le "$osm_inline_bytes" ]; then
  osm_inline=1
fi
tail -c "$osm_tail_bytes" "$osm_base.log" >"$osm_base.tail" 2>/dev/null
cat "$osm_base.tail"
printf '\nOSM_RESULT_V1 key=%s status=%s tail=%s raw=%s rawsha=%s enc=%s size=%s sha=%s chunk=%s chunks=%s inline=%s\n' \
  "$osm_key" "$osm_status" "$(osm_size "$osm_base.tail")" "$(osm_size "$osm_base.out")" "$(osm_sha256 "$osm_base.out")" \
  "$osm_encoding" "$osm_enc_size" "$(osm_sha256 "$osm_base.enc")" "$osm_chunk_bytes" "$osm_chunks" "$osm_inline"
if [ "$osm_inline" = 1 ]; then
  base64 "$osm_base.enc"
fi
echo "OSM_RESULT_END"
rm -f "$osm_base.tail"
exit "$osm_status"
