#!/usr/bin/env python3
"""An example producer in Python, standard library only (3.8+).

Posts events to the gateway and retries the way docs/protocol.md asks: 429 and 503 after
`Retry-After`, network errors and timeouts with backoff, always with the same body, so the event
ids make every retry harmless. The Redis Stream way in (clustered gateways) speaks RESP over a
plain socket, so no Redis client library is needed.

    LIVE_URL=http://127.0.0.1:8080 LIVE_INGEST_TOKEN=... python3 producer.py single
    ... producer.py batch 50
    REDIS_URL=redis://127.0.0.1:6379 LIVE_REDIS_PREFIX=meschain-live: ... producer.py stream 10

Prints one JSON line: what the gateway accepted (or, for the stream, the entry id and event ids).
"""

import json
import os
import random
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone

ATTEMPTS = 8
BACKOFF_S = 0.5
MAX_BACKOFF_S = 10.0
MAX_RETRY_AFTER_S = 60
TIMEOUT_S = 10.0


class IngestRefused(Exception):
    def __init__(self, status, body):
        super().__init__(f"the gateway refused the events: {status} {body}")
        self.status = status
        self.body = body


def post_events(url, token, body, log=lambda line: print(line, file=sys.stderr)):
    """POSTs one envelope or {"events": [...]}; returns the accepted list."""
    # Serialised once: every attempt sends the very same bytes, so the same ids.
    data = json.dumps(body).encode("utf-8")
    backoff = BACKOFF_S
    for attempt in range(1, ATTEMPTS + 1):
        request = urllib.request.Request(
            url.rstrip("/") + "/v1/events",
            data=data,
            method="POST",
            headers={"content-type": "application/json", "authorization": "Bearer " + token},
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                return json.loads(response.read())["accepted"]
        except urllib.error.HTTPError as err:
            answer = err.read().decode("utf-8", "replace")
            if err.code not in (429, 503) or attempt == ATTEMPTS:
                raise IngestRefused(err.code, answer) from None
            try:
                wait = min(max(float(err.headers.get("retry-after", "1")), 1.0), MAX_RETRY_AFTER_S)
            except ValueError:
                wait = 1.0
            log(f"attempt {attempt}: {err.code}, retrying in {wait:.1f} s")
        except (urllib.error.URLError, OSError) as err:
            # No answer (refused, reset, timeout): the events may or may not be in; the retry says which.
            if attempt == ATTEMPTS:
                raise
            wait = backoff / 2 + random.random() * backoff / 2
            backoff = min(backoff * 2, MAX_BACKOFF_S)
            log(f"attempt {attempt}: {err}, retrying in {wait:.1f} s")
        time.sleep(wait)
    raise AssertionError("unreachable")


def _resp_command(*parts):
    out = [f"*{len(parts)}\r\n".encode()]
    for part in parts:
        raw = part if isinstance(part, bytes) else str(part).encode("utf-8")
        out.append(f"${len(raw)}\r\n".encode() + raw + b"\r\n")
    return b"".join(out)


def add_to_stream(redis_url, prefix, events):
    """XADD to the gateway's ingest stream; returns the entry id."""
    parsed = urllib.parse.urlparse(redis_url)
    with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=TIMEOUT_S) as conn:
        reader = conn.makefile("rb")
        commands = []
        if parsed.password:
            auth = [parsed.username, parsed.password] if parsed.username else [parsed.password]
            commands.append(_resp_command("AUTH", *auth))
        if parsed.path and parsed.path.strip("/"):
            commands.append(_resp_command("SELECT", parsed.path.strip("/")))
        field, value = ("event", events[0]) if len(events) == 1 else ("events", events)
        commands.append(_resp_command("XADD", prefix + "ingest", "MAXLEN", "~", "100000", "*", field, json.dumps(value)))
        conn.sendall(b"".join(commands))
        reply = b""
        for _ in commands:
            line = reader.readline()
            if line.startswith(b"-"):
                raise RuntimeError("redis: " + line[1:].decode().strip())
            if line.startswith(b"$"):
                length = int(line[1:])
                reply = reader.read(length + 2)[:-2]
        return reply.decode()


def new_order():
    """A believable new Trendyol order (the example's payload; yours comes from your order system)."""
    now = datetime.now(timezone.utc)
    iso = lambda t: t.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    tl = lambda minor: {"minor": minor, "currency": "TRY"}
    return {
        "id": str(uuid.uuid4()),
        "type": "ORDER_NOTIFICATION",
        "occurredAt": iso(now),
        "marketplace": "trendyol",
        "payload": {
            "kind": "ORDER_CREATED",
            "orderNumber": "PY%010d" % random.randrange(10**10),
            "status": "new",
            "rawStatus": "Created",
            "orderedAt": iso(now),
            "shipBy": iso(now + timedelta(days=2)),
            "total": tl(59980),
            "customerCity": "Bursa",
            "lines": [{"sku": "KOT-SLM-LCV-32", "qty": 2, "unitPrice": tl(29990)}],
        },
    }


def main(argv):
    mode = argv[0] if argv else "single"
    count = max(1, min(500, int(argv[1]) if len(argv) > 1 else 10))
    events = [new_order() for _ in range(1 if mode == "single" else count)]
    if mode == "stream":
        entry = add_to_stream(
            os.environ.get("REDIS_URL", "redis://127.0.0.1:6379"),
            os.environ.get("LIVE_REDIS_PREFIX", "meschain-live:"),
            events,
        )
        print(json.dumps({"entry": entry, "ids": [e["id"] for e in events]}))
        return
    token = os.environ.get("LIVE_INGEST_TOKEN")
    if not token:
        sys.exit("producer: set LIVE_INGEST_TOKEN to one of the gateway's LIVE_INGEST_TOKENS")
    url = os.environ.get("LIVE_URL", "http://127.0.0.1:8080")
    accepted = post_events(url, token, events[0] if mode == "single" else {"events": events})
    print(json.dumps({"accepted": accepted}))


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except (IngestRefused, OSError, RuntimeError) as err:
        sys.exit(f"producer: {err}")
