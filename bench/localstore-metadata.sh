#!/usr/bin/env bash
# How long the embedded store takes to update a repository's metadata after adding packages, next to createrepo_c
# --update run by hand on a copy of the same repository. Needs rpmbuild and createrepo_c (Debian: rpm,
# createrepo-c) and a built reactor (mvn -B install -DskipTests).
# Usage: bench/localstore-metadata.sh [packages=2000] [added=10] [rounds=5]
set -euo pipefail
cd "$(dirname "$0")/.."
module=adapters-localstore
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -o dependency:build-classpath -pl "$module" -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
java -cp "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")" \
    org.albs.adapter.out.localstore.MetadataBench "${1:-2000}" "${2:-10}" "${3:-5}"
