#!/bin/sh
# An example producer with curl: posts a JSON file (one envelope, or {"events": [...]}) to the
# gateway. curl's --retry waits for Retry-After on 429 and 503, and retries timeouts and refused
# connections too, always sending the same file: the event ids make every retry harmless.
#
#   LIVE_URL=http://127.0.0.1:8080 LIVE_INGEST_TOKEN=... ./post-events.sh order-created.json
#   REDIS_URL=redis://127.0.0.1:6379 LIVE_REDIS_PREFIX=meschain-live: ./post-events.sh --stream order-created.json
#
# Prints the gateway's answer ({"accepted": [...]}, or the stream entry's id); exits non-zero
# when the events were refused (a 4xx other than 429, which retrying will not change).
set -eu

if [ "${1:-}" = "--stream" ]; then
  file=${2:?usage: post-events.sh --stream FILE}
  # A batch file ({"events": [...]}) goes in an `events` field as its array; one envelope in `event`.
  if grep -q '^[[:space:]]*{[[:space:]]*"events"' "$file"; then
    field=events
    body=$(sed -e '1s/^[[:space:]]*{[[:space:]]*"events"[[:space:]]*:[[:space:]]*//' -e '$s/}[[:space:]]*$//' "$file")
  else
    field=event
    body=$(cat "$file")
  fi
  exec redis-cli -u "${REDIS_URL:-redis://127.0.0.1:6379}" XADD "${LIVE_REDIS_PREFIX:-meschain-live:}ingest" \
    MAXLEN '~' 100000 '*' "$field" "$body"
fi

file=${1:?usage: post-events.sh FILE}
: "${LIVE_INGEST_TOKEN:?set LIVE_INGEST_TOKEN to one of the gateway's LIVE_INGEST_TOKENS}"
# The answer goes to a file that curl truncates before each retry, so only the last one is printed.
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
curl --silent --show-error --fail-with-body \
  --retry 8 --retry-connrefused --retry-max-time 120 --max-time 10 \
  -H 'content-type: application/json' \
  -H "authorization: Bearer $LIVE_INGEST_TOKEN" \
  --data-binary "@$file" \
  -o "$out" \
  "${LIVE_URL:-http://127.0.0.1:8080}/v1/events" || status=$?
cat "$out"
echo
exit "$status"
