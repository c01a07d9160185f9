"""Each request leaves one line in the combined log format, which a visitor cannot forge."""

from __future__ import annotations

import io
import logging
import re
import threading

import pytest
from fastapi.testclient import TestClient

from app.web.request_log import BatchedStreamHandler

COMBINED = re.compile(
    r'^(?P<host>\S+) - - \[\d{2}/\w{3}/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "(?P<request>(?:[^"\\]|\\.)*)" '
    r'(?P<status>\d{3}) (?P<size>\d+|-) "(?P<referer>(?:[^"\\]|\\.)*)" "(?P<agent>(?:[^"\\]|\\.)*)"$'
)


def request_lines(caplog: pytest.LogCaptureFixture) -> list[re.Match[str]]:
    lines = [record.getMessage() for record in caplog.records if record.name == "argmap.access"]
    matches = [COMBINED.match(line) for line in lines]
    assert all(matches), lines
    return [m for m in matches if m]


def test_one_line_per_request(fixture_reader: TestClient, caplog: pytest.LogCaptureFixture):
    with caplog.at_level(logging.INFO, logger="argmap.access"):
        page = fixture_reader.get(
            "/concepts?lang=zh", headers={"Referer": "https://lms.example/course", "User-Agent": "probe/1"}
        )
        fixture_reader.get("/claims/no-such-claim")
        fixture_reader.get("/static/css/argmap.css")
    first, missing, static = request_lines(caplog)
    assert first["request"] == "GET /concepts?lang=zh HTTP/1.1"
    assert first["status"] == "200" and int(first["size"]) == int(page.headers["content-length"])  # as sent (gzip)
    assert first["referer"] == "https://lms.example/course" and first["agent"] == "probe/1"
    assert missing["status"] == "404" and static["status"] == "200"


def test_a_visitor_cannot_forge_a_log_line(fixture_reader: TestClient, caplog: pytest.LogCaptureFixture):
    with caplog.at_level(logging.INFO, logger="argmap.access"):
        fixture_reader.get("/search?q=a", headers={"User-Agent": 'x" 200 1 "-" "fake\\'})
    (line,) = request_lines(caplog)
    assert line["agent"] == 'x\\" 200 1 \\"-\\" \\"fake\\\\'


def test_the_served_log_writes_every_line_once_while_requests_and_flushes_overlap():
    stream = io.StringIO()
    handler = BatchedStreamHandler(stream)
    lines_each = 50_000

    def requests(worker: int) -> None:
        for n in range(lines_each):
            handler.write_line(f"{worker} {n}")

    workers = [threading.Thread(target=requests, args=(worker,)) for worker in range(4)]
    for thread in workers:
        thread.start()
    flushes = 0
    while any(thread.is_alive() for thread in workers):
        handler.flush()  # as the flusher does, a few times a second
        flushes += 1
    handler.flush()
    written = stream.getvalue().splitlines()
    assert flushes > 1 and len(written) == len(set(written)) == 4 * lines_each
