#!/bin/sh
# INSTALL: install a recipe's migration tool from its repository. Idempotent and resumable: run it again after any
# failure and it does only what is still missing; run it on an instance that has the tool and it changes nothing.
#
# Parameters (rendered by the catalogue, see migration-catalogue.yaml):
#   OSM_REPO_FILES        space-separated name=url: .repo files to fetch into /etc/yum.repos.d/<name>.repo
#   OSM_MIRROR            the package mirror; OSM_REWRITE_FROM (an upstream base URL) is replaced by it in the
#                         fetched .repo files and in OSM_REWRITE_FILES (files the tool's packages install)
#   OSM_RELEASEVER        replaces $releasever in the fetched .repo files
#   OSM_REPO_BASEURLS     space-separated id=url: repositories without a published .repo file, written (disabled) to
#                         /etc/yum.repos.d/osm-<id>.repo with baseurl <url>/$basearch/; enable them with OSM_ENABLE_REPOS
#   OSM_PREREQ_PACKAGES   installed first, from the repositories already enabled (e.g. epel-release)
#   OSM_ENABLE_REPOS      repositories enabled for installing OSM_PACKAGES only (yum --enablerepo)
#   OSM_PACKAGES          the tool's packages
#   OSM_TOOL              the command that must exist afterwards
# Exit codes: 0 installed; 3 the package repositories do not answer; 4 a .repo file could not be fetched;
#             5 a package could not be installed; 6 the tool is still missing afterwards.
export OSM_STEP="${OSM_STEP:-INSTALL}"
set -u
root="${OSM_ROOT:-}"
repos_dir="$root/etc/yum.repos.d"
state_dir="$root/var/lib/osmigration"

say() {
  printf 'osm: %s\n' "$*"
}

fail() {
  code="$1"
  shift
  printf 'osm: %s\n' "$*" >&2
  exit "$code"
}

rewrite() {
  # Point a file at the configured mirror; a no-op when it already is.
  [ -n "${OSM_REWRITE_FROM:-}" ] && [ -n "${OSM_MIRROR:-}" ] || return 0
  [ -f "$1" ] || return 0
  sed -i "s|${OSM_REWRITE_FROM}|${OSM_MIRROR}|g" "$1"
}

versions() {
  # shellcheck disable=SC2086 # a list of package names
  rpm -q $OSM_PACKAGES | tr '\n' ' '
}

installed() {
  for package in $OSM_PACKAGES; do
    rpm -q "$package" >/dev/null 2>&1 || return 1
  done
  command -v "$OSM_TOOL" >/dev/null 2>&1
}

fetch() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --connect-timeout 10 --max-time 120 -o "$2" "$1"
  else
    wget -q -T 120 -t 2 -O "$2" "$1"
  fi
}

: "${OSM_PACKAGES:?OSM_PACKAGES is required}"
: "${OSM_TOOL:?OSM_TOOL is required}"
mkdir -p "$state_dir" "$repos_dir"
# The kernel before the migration, for the post-checks (kept from the first run: a retry may run on the new one).
[ -s "$state_dir/source-kernel" ] || uname -r >"$state_dir/source-kernel"

if installed; then
  for file in ${OSM_REWRITE_FILES:-}; do
    rewrite "$root$file"
  done
  say "$OSM_TOOL is already installed ($(versions))"
  exit 0
fi

for entry in ${OSM_REPO_FILES:-}; do
  name="${entry%%=*}"
  url="${entry#*=}"
  target="$repos_dir/$name.repo"
  say "fetching $url into $target"
  fetch "$url" "$target.osm-new" || fail 4 "cannot fetch $url (is the mirror reachable from this instance?)"
  mv "$target.osm-new" "$target"
  rewrite "$target"
  if [ -n "${OSM_RELEASEVER:-}" ]; then
    sed -i "s|\\\$releasever|${OSM_RELEASEVER}|g" "$target"
  fi
done

for entry in ${OSM_REPO_BASEURLS:-}; do
  id="${entry%%=*}"
  url="${entry#*=}"
  say "adding repository $id ($url), enabled only to install $OSM_PACKAGES"
  # shellcheck disable=SC2016 # $basearch is for yum to expand
  printf '[%s]\nname=%s (added by osmigration)\nbaseurl=%s/$basearch/\nenabled=0\ngpgcheck=0\n' \
    "$id" "$id" "$url" >"$repos_dir/osm-$id.repo"
done

if ! yum -q makecache >/dev/null 2>&1; then
  fail 3 "yum cannot read its repositories; CentOS 7 and 8 repositories are offline since their end of life: point /etc/yum.repos.d at a vault or mirror first"
fi

for package in ${OSM_PREREQ_PACKAGES:-}; do
  if ! rpm -q "$package" >/dev/null 2>&1; then
    say "installing $package"
    yum -y install "$package" || fail 5 "cannot install $package"
  fi
done

set --
for repo in ${OSM_ENABLE_REPOS:-}; do
  set -- "$@" "--enablerepo=$repo"
done
say "installing $OSM_PACKAGES"
# shellcheck disable=SC2086 # OSM_PACKAGES is a list of package names
yum -y install "$@" $OSM_PACKAGES || fail 5 "cannot install $OSM_PACKAGES"
for file in ${OSM_REWRITE_FILES:-}; do
  rewrite "$root$file"
done
installed || fail 6 "$OSM_TOOL is still missing after installing $OSM_PACKAGES"
say "installed $(versions)"
