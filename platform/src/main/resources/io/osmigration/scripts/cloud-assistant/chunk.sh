#!/bin/sh
# osmigration result chunk reader: prints one chunk of a result the envelope (envelope.sh) left on this instance,
# Base64-encoded, small enough for Cloud Assistant's output quota. The client checks the whole result's checksum.
osm_file="${OSM_ROOT:-}/var/lib/osmigration/results/__OSM_KEY__.enc"
if [ ! -r "$osm_file" ]; then
  echo "OSM_CHUNK_ERROR no result at $osm_file (removed, or the system disk was reset)"
  exit 3
fi
echo "OSM_CHUNK_V1 index=__OSM_INDEX__"
dd if="$osm_file" bs=__OSM_CHUNK_BYTES__ skip=__OSM_INDEX__ count=1 2>/dev/null | base64
echo "OSM_CHUNK_END"
