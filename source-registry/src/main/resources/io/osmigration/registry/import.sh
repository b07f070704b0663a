#!/bin/sh
# osmigration import script: registers this server as a migration source.
#
#   curl -fsSL __OSM_SERVER_URL__/api/v1/import.sh | sudo OSM_ACTIVATION_CODE=<code> sh
#
# Environment:
#   OSM_ACTIVATION_CODE    the activation code (required)
#   OSM_SERVER_URL         the source registry (default: where this script came from, __OSM_SERVER_URL__)
#   OSM_METADATA_URL       ECS metadata service (default http://100.100.100.200); "none" skips it off ECS. Its
#                          signed instance identity document proves which instance this is (token-based access
#                          when the instance is in security hardening mode)
#   OSM_ROOT               prefix of the files read and written (default: empty, the real root)
#   OSM_INSTALL_HEARTBEAT  1 installs a cron entry that reports a heartbeat every 5 minutes so that the source
#                          stays ONLINE (writes $OSM_ROOT/etc/osmigration/heartbeat.json, mode 600, and
#                          $OSM_ROOT/etc/cron.d/osmigration-heartbeat)
#
# Needs only POSIX sh, awk, sed, date and curl or wget. The whole script is functions and one call on its last line, so a
# download cut short runs nothing. Nothing here reads standard input, which is this script itself under "curl | sh".

osm_default_server_url='__OSM_SERVER_URL__'

# The fact collector, verbatim from the registry's single copy (collect-facts.sh), run in a subshell.
osm_collect_facts() (
__OSM_COLLECTOR__
)

osm_fail() {
    printf 'osmigration: import failed: %s\n' "$*" >&2
    exit 1
}

# Prints the body of a GET, giving up after 2 seconds (the metadata service answers at once or not at all).
osm_fetch() {
    if command -v curl >/dev/null 2>&1; then
        curl -fsS --connect-timeout 2 --max-time 2 "$1" 2>/dev/null </dev/null
    elif command -v wget >/dev/null 2>&1; then
        wget -q -T 2 -t 1 -O - "$1" 2>/dev/null </dev/null
    else
        return 1
    fi
}

# POSTs the JSON file $2 to $1; prints the response body, then a last line with the HTTP status (000: no answer).
osm_post() {
    if command -v curl >/dev/null 2>&1; then
        curl -sS --connect-timeout 10 --max-time 120 -H 'Content-Type: application/json' \
            --data-binary "@$2" -w '\n%{http_code}\n' "$1" </dev/null 2>"$2.err" || printf '\n000\n'
    elif command -v wget >/dev/null 2>&1; then
        wget -S -q -O - --timeout=120 -t 1 --content-on-error --header='Content-Type: application/json' \
            --post-file="$2" "$1" </dev/null 2>"$2.err"
        printf '\n%s\n' "$(awk '$1 ~ /^HTTP\// { code = $2 } END { print (code == "" ? "000" : code) }' "$2.err")"
    else
        osm_fail "neither curl nor wget is installed"
    fi
}

# Standard input as one JSON string literal: backslash, quote and control characters escaped, lines joined by \n.
osm_json_string() {
    LC_ALL=C awk '
        function escape(text,    out, i, c) {
            out = ""
            for (i = 1; i <= length(text); i++) {
                c = substr(text, i, 1)
                if (c == "\\") out = out "\\\\"
                else if (c == "\"") out = out "\\\""
                else if (c == "\t") out = out "\\t"
                else if (c == "\r") out = out "\\r"
                else if (c < " ") out = out " "
                else out = out c
            }
            return out
        }
        BEGIN { printf "\"" }
        { if (NR > 1) printf "\\n"; printf "%s", escape($0) }
        END { printf "\"" }'
}

# The value of a top-level string field of a small JSON answer (our own answers: no nested quotes needed).
osm_json_field() {
    sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" | head -n 1
}

# Reads one path of the ECS metadata service ($metadata). A plain GET first; when the instance refuses it (security
# hardening mode, ModifyInstanceMetadataOptions HttpTokens=required), a token from PUT /latest/api/token
# (X-aliyun-ecs-metadata-token-ttl-seconds) sent as X-aliyun-ecs-metadata-token. The token is kept in
# osm_metadata_token for the next reads of this run.
osm_metadata() {
    if [ -z "${osm_metadata_token:-}" ] && osm_fetch "$metadata$1"; then
        return 0
    fi
    if [ -z "${osm_metadata_token:-}" ]; then
        osm_metadata_token="$(osm_metadata_put_token)" || return 1
        [ -n "$osm_metadata_token" ] || return 1
    fi
    osm_fetch_with_token "$metadata$1" "$osm_metadata_token"
}

osm_metadata_put_token() {
    if command -v curl >/dev/null 2>&1; then
        curl -fsS --connect-timeout 2 --max-time 2 -X PUT -H 'X-aliyun-ecs-metadata-token-ttl-seconds: 300' \
            "$metadata/latest/api/token" 2>/dev/null </dev/null
    elif command -v wget >/dev/null 2>&1; then
        wget -q -T 2 -t 1 -O - --method=PUT --header='X-aliyun-ecs-metadata-token-ttl-seconds: 300' \
            "$metadata/latest/api/token" 2>/dev/null </dev/null
    else
        return 1
    fi
}

osm_fetch_with_token() {
    if command -v curl >/dev/null 2>&1; then
        curl -fsS --connect-timeout 2 --max-time 2 -H "X-aliyun-ecs-metadata-token: $2" "$1" 2>/dev/null </dev/null
    elif command -v wget >/dev/null 2>&1; then
        wget -q -T 2 -t 1 -O - --header="X-aliyun-ecs-metadata-token: $2" "$1" 2>/dev/null </dev/null
    else
        return 1
    fi
}

# Keeps ids that look like ECS ids; anything else (an HTML error page, a proxy's answer) becomes empty.
osm_clean_id() {
    case "$1" in
        *[!A-Za-z0-9-]* | '') printf '' ;;
        *) printf '%s' "$1" ;;
    esac
}

osm_install_heartbeat() {
    osm_root="${OSM_ROOT:-}"
    mkdir -p "$osm_root/etc/osmigration" "$osm_root/etc/cron.d" || osm_fail "cannot create $osm_root/etc/osmigration"
    (
        umask 077
        printf '{"sourceId":"%s","activationCode":"%s"}\n' "$1" "$2" >"$osm_root/etc/osmigration/heartbeat.json"
    ) || osm_fail "cannot write $osm_root/etc/osmigration/heartbeat.json"
    if command -v curl >/dev/null 2>&1; then
        osm_send="curl -fsS --max-time 20 -H 'Content-Type: application/json' --data-binary @/etc/osmigration/heartbeat.json"
    else
        osm_send="wget -q -O /dev/null -T 20 -t 1 --header='Content-Type: application/json' --post-file=/etc/osmigration/heartbeat.json"
    fi
    printf '# osmigration: keeps source %s ONLINE in the source registry\n*/5 * * * * root %s %s/api/v1/sources/heartbeat >/dev/null 2>&1\n' \
        "$1" "$osm_send" "$3" >"$osm_root/etc/cron.d/osmigration-heartbeat" \
        || osm_fail "cannot write $osm_root/etc/cron.d/osmigration-heartbeat"
    printf 'Heartbeat installed: %s/etc/cron.d/osmigration-heartbeat\n' "$osm_root"
}

osm_main() {
    code="${OSM_ACTIVATION_CODE:-}"
    [ -n "$code" ] || osm_fail "OSM_ACTIVATION_CODE is not set; run: curl -fsSL <server>/api/v1/import.sh | sudo OSM_ACTIVATION_CODE=<code> sh"
    case "$code" in
        *[!A-Za-z0-9_-]*) osm_fail "OSM_ACTIVATION_CODE is not an activation code (check that it was copied completely)" ;;
    esac
    server="${OSM_SERVER_URL:-$osm_default_server_url}"
    server="${server%/}"
    metadata="${OSM_METADATA_URL:-http://100.100.100.200}"
    metadata="${metadata%/}"

    work="$(mktemp -d "${TMPDIR:-/tmp}/osm-import.XXXXXX")" || osm_fail "cannot create a temporary directory"
    trap 'rm -rf "$work"' EXIT
    trap 'exit 130' INT TERM

    # On ECS: the signed instance identity document proves to the registry which instance this is. The audience
    # (signed with it) carries the time, so the registry refuses an old document replayed by someone else.
    instance_id=""
    region_id=""
    audience="osmigration:$(date +%s)"
    if [ "$metadata" != "none" ]; then
        instance_id="$(osm_clean_id "$(osm_metadata /latest/meta-data/instance-id)")"
        region_id="$(osm_clean_id "$(osm_metadata /latest/meta-data/region-id)")"
        if [ -n "$instance_id" ]; then
            osm_metadata /latest/dynamic/instance-identity/document >"$work/identity-document" || : >"$work/identity-document"
            osm_metadata "/latest/dynamic/instance-identity/pkcs7?audience=$audience" >"$work/identity-pkcs7" \
                || : >"$work/identity-pkcs7"
        fi
    fi

    osm_collect_facts >"$work/facts" 2>/dev/null </dev/null
    grep -q '^==osm:end==$' "$work/facts" || osm_fail "collecting this server's facts failed"
    {
        printf '{"activationCode":"%s","instanceId":"%s","regionId":"%s","facts":' "$code" "$instance_id" "$region_id"
        osm_json_string <"$work/facts"
        if [ -s "$work/identity-document" ] && [ -s "$work/identity-pkcs7" ]; then
            printf ',"identity":{"audience":"%s","document":' "$audience"
            osm_json_string <"$work/identity-document"
            printf ',"pkcs7":'
            osm_json_string <"$work/identity-pkcs7"
            printf '}'
        fi
        printf '}\n'
    } >"$work/request.json" || osm_fail "cannot write $work/request.json"

    osm_post "$server/api/v1/sources/activate" "$work/request.json" >"$work/response"
    status="$(tail -n 1 "$work/response")"
    body="$(sed '$d' "$work/response")"
    case "$status" in
        201)
            source_id="$(printf '%s\n' "$body" | osm_json_field sourceId)"
            [ -n "$source_id" ] || osm_fail "the registry accepted the server but did not say its source id"
            printf 'Import Source Server [%s] Successfully!\n' "$source_id"
            if [ -n "$instance_id" ] && ! printf '%s\n' "$body" | grep -q '"instanceId"'; then
                printf 'osmigration: warning: the registry could not verify that this server is ECS instance %s; it was registered as a plain server (ask the operator to check osm.registry.identity.certificates)\n' \
                    "$instance_id" >&2
            fi
            if [ "${OSM_INSTALL_HEARTBEAT:-0}" = "1" ]; then
                osm_install_heartbeat "$source_id" "$code" "$server"
            fi
            ;;
        000 | '')
            osm_fail "cannot reach the source registry at $server ($(head -n 1 "$work/request.json.err" 2>/dev/null))"
            ;;
        *)
            # The registry explains itself in problem+json; wget drops the body of a 401, so keep a fallback.
            detail="$(printf '%s\n' "$body" | osm_json_field detail)"
            if [ -z "$detail" ]; then
                case "$status" in
                    401) detail="The activation code is not valid: check that it was copied completely" ;;
                    403) detail="The activation code can no longer be used (revoked, expired or quota reached)" ;;
                    429) detail="Too many failed activation attempts from this address; try again later" ;;
                    *) detail="the source registry answered HTTP $status" ;;
                esac
            fi
            osm_fail "$detail (HTTP $status)"
            ;;
    esac
}

osm_main "$@"
