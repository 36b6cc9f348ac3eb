#!/usr/bin/env bash
# Runs Temporal's Java time-skipping test server, fetched from Maven Central by
# scripts/provision (mvn dependency:copy-dependencies on ./pom.xml).
# @temporalio/testing starts it as an `existing-path` executable with
# arguments `<port> --enable-time-skipping`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lib="${GOVSHARE_TEST_SERVER_LIB:-$here/../../.tools/test-server/lib}"
if ! compgen -G "$lib/temporal-test-server-*.jar" >/dev/null; then
  echo "Temporal test server jars are missing in $lib: run 'npm test' (it provisions them) or 'npm run provision'." >&2
  exit 1
fi
exec java -Xss2m -cp "$lib/*" io.temporal.testserver.TestServer "$@"
