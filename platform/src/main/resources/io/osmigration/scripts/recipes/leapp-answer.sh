#!/bin/sh
# ANSWER: record the answers to Leapp's dialogs before the upgrade (leapp answer --section scope.key=value). An
# unanswered dialog is the inhibitor "Missing required answers in the answer file".
#
# Parameters: OSM_ANSWERS: space-separated scope.key=value, from the catalogue's defaults and osm.migration.answers
# (e.g. remove_pam_pkcs11_module_check.confirm=True).
# Exit codes: 0 all recorded; 2 an answer is malformed; 127 no leapp; else leapp answer's own exit code.
export OSM_STEP="${OSM_STEP:-ANSWER}"
set -u
if ! command -v leapp >/dev/null 2>&1; then
  echo "osm: leapp is not installed; the recipe's install step installs it" >&2
  exit 127
fi
for answer in ${OSM_ANSWERS:-}; do
  case "$answer" in
    *.*=*) ;;
    *)
      echo "osm: not an answer (scope.key=value): $answer" >&2
      exit 2
      ;;
  esac
  # --add: record it even before a preupgrade wrote the answerfile's section (without it leapp answer only updates
  # sections already there and ignores the rest with a warning; oamg/leapp-repository commands/answer,
  # leapp/messaging/answerstore.py), so the answers hold for a drill and for a migration without one.
  echo "osm: leapp answer --section $answer --add"
  leapp answer --section "$answer" --add || exit $?
done
echo "osm: answers recorded"
