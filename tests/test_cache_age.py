"""`--max-cache-age`: cached URLs go stale and are revalidated the way lychee does it (issue 18).

A real server on 127.0.0.1 counts requests and answers conditional requests; the real console
script runs against it, with a real cache and a real ledger in a temporary folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sources_helpers import opts
from werkzeug import Request, Response

from pipeline.config import build_options
from pipeline.sources import gather_locators

CLAIMLEDGER = str(Path(sys.executable).with_name("claimledger"))
DRAFT = "# Survey\n\nGartner finds that 62% of CEOs chose growth as their top priority [1].\n\n" \
        "## References\n\n[1] CEO survey. {url}\n"


class Page:
    """A page whose body can change; it answers If-None-Match with 304 while its ETag holds."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.requests: list[dict[str, str | None]] = []
        self.fail_with: int | None = None

    @property
    def etag(self) -> str:
        return f'"{abs(hash(self.body))}"'

    def __call__(self, req: Request) -> Response:
        self.requests.append({"if_none_match": req.headers.get("If-None-Match")})
        if self.fail_with:
            return Response("down", status=self.fail_with)
        if req.headers.get("If-None-Match") == self.etag:
            return Response(status=304, headers={"ETag": self.etag})
        return Response(self.body, content_type="text/plain", headers={"ETag": self.etag})


@pytest.fixture()
def page(server: HTTPServer) -> Page:
    p = Page("Gartner finds that 62% of CEOs chose growth as their top business priority this year.")
    server.expect_request("/survey").respond_with_handler(p)
    return p


def _check(tmp_path: Path, url: str, *args: str) -> dict:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT.format(url=url))
    cp = subprocess.run([CLAIMLEDGER, "check", str(draft), "--root", str(tmp_path), "--allow-private-hosts",
                         "--cache-dir", str(tmp_path / "cache"), "--db", str(tmp_path / "ledger.db"),
                         "--format", "json", *args],
                        cwd=tmp_path, capture_output=True, text=True, timeout=120,
                        env={**os.environ, "GITHUB_STEP_SUMMARY": ""})
    assert cp.returncode in (0, 1) and "Traceback" not in cp.stderr, cp.stderr
    return json.loads(cp.stdout)


def test_within_the_age_no_request_past_it_a_conditional_one(server: HTTPServer, page: Page,
                                                             tmp_path: Path) -> None:
    url = server.url_for("/survey")
    first = _check(tmp_path, url)
    assert page.requests == [{"if_none_match": None}] and not first["sources"][0]["from_cache"]
    _check(tmp_path, url)  # the default, 1d: the copy is fresh
    _check(tmp_path, url, "--max-cache-age", "1h")
    assert len(page.requests) == 1
    time.sleep(1.2)
    second = _check(tmp_path, url, "--max-cache-age", "1")  # one second: stale now
    assert page.requests[-1] == {"if_none_match": page.etag}  # conditional
    src = second["sources"][0]
    assert src["from_cache"] and src["status"] == "ok" and src["sha256"] == first["sources"][0]["sha256"]
    assert second["documents"][0]["claims"][0]["verdict"] == "verified"
    # the 304 made the copy fresh again: within the age, no request
    _check(tmp_path, url, "--max-cache-age", "1h")
    assert len(page.requests) == 2


def test_offline_never_revalidates(server: HTTPServer, page: Page, tmp_path: Path) -> None:
    url = server.url_for("/survey")
    _check(tmp_path, url)
    report = _check(tmp_path, url, "--offline", "--max-cache-age", "0")
    assert len(page.requests) == 1 and report["sources"][0]["from_cache"]


def test_a_changed_page_replaces_the_copy_and_the_ledger_says_so(server: HTTPServer, page: Page,
                                                                  tmp_path: Path) -> None:
    url = server.url_for("/survey")
    first = _check(tmp_path, url)
    assert first["documents"][0]["claims"][0]["verdict"] == "verified"
    page.body = "Gartner finds that 64% of CEOs chose growth as their top business priority this year."
    stale = _check(tmp_path, url)  # within the default age: the old copy, no request
    assert len(page.requests) == 1 and stale["documents"][0]["claims"][0]["verdict"] == "verified"
    fresh = _check(tmp_path, url, "--max-cache-age", "0")
    assert page.requests[-1]["if_none_match"] is not None  # asked conditionally, got the new page
    claim = fresh["documents"][0]["claims"][0]
    assert claim["verdict"] == "misquote" and claim["suggestion"] == "64%"
    assert fresh["sources"][0]["sha256"] != first["sources"][0]["sha256"]
    changed = [f for f in fresh["documents"][0]["findings"] if f["kind"] == "source_changed"]
    assert len(changed) == 1 and "verdict went from verified to misquote" in changed[0]["message"]
    # the new copy is what the cache holds now: offline replays it
    offline = _check(tmp_path, url, "--offline")
    assert offline["documents"][0]["claims"][0]["verdict"] == "misquote"


def test_a_server_that_cannot_answer_now_keeps_the_cached_copy(server: HTTPServer, page: Page,
                                                              tmp_path: Path) -> None:
    url = server.url_for("/survey")
    first = gather_locators([url], opts(tmp_path, retries=0), tmp_path)[url]
    page.fail_with = 503
    again = gather_locators([url], opts(tmp_path, retries=0, max_cache_age=0), tmp_path)[url]
    assert len(page.requests) == 2
    assert again.status == "ok" and again.from_cache and again.text == first.text
    page.fail_with = 404  # a definite answer: the page is gone, and the report says so
    gone = gather_locators([url], opts(tmp_path, retries=0, max_cache_age=0), tmp_path)[url]
    assert gone.status == "error" and "404" in (gone.error or "")


def test_the_old_max_age_days_setting_still_reads(tmp_path: Path) -> None:
    (tmp_path / "claimledger.toml").write_text("max-age-days = 2\n")
    assert build_options({}, start=tmp_path).max_cache_age == 2 * 86400
    (tmp_path / "claimledger.toml").write_text('max-cache-age = "12h"\n')
    assert build_options({}, start=tmp_path).max_cache_age == 12 * 3600
    assert build_options({"max_cache_age": "30m"}, start=tmp_path).max_cache_age == 1800
