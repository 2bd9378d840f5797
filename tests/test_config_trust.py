"""A configuration file is untrusted, and the command line always wins over it (issue 18).

A pull request can add `claimledger.toml` next to its draft, and CI then runs `claimledger check`
with it. These tests run the real console script in a temporary checkout and look at the disk
around it: a config may not make the run write (or read) anything outside its own folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from pipeline.config import CONFIG_LIMITS, build_options, parse_duration
from pipeline.errors import ConfigError

CLAIMLEDGER = str(Path(sys.executable).with_name("claimledger"))

DRAFT = """# Notes

The pilot cost $200,000 to build [1].

## References

1. Pilot notes, sources/pilot.md
"""


def _tree(root: Path) -> dict[str, str]:
    """Every file and folder under `root` with a digest of its content: what "nothing was written"
    is compared on."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            out[os.path.relpath(os.path.join(dirpath, d), root) + "/"] = "dir"
        for f in filenames:
            p = Path(dirpath, f)
            out[os.path.relpath(p, root)] = "link" if p.is_symlink() else hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _checkout(tmp_path: Path, config: str) -> tuple[Path, Path]:
    """A checkout with a draft, its local source and `config` as claimledger.toml; and a sibling
    folder holding a file the config would like to overwrite."""
    checkout = tmp_path / "checkout"
    (checkout / "sources").mkdir(parents=True)
    (checkout / "sources" / "pilot.md").write_text("The pilot cost $200,000 to build and run.\n")
    (checkout / "draft.md").write_text(DRAFT)
    (checkout / "claimledger.toml").write_text(config)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_text("precious\n")
    return checkout, outside


def _run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    cp = subprocess.run([CLAIMLEDGER, *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                        env={**os.environ, "GITHUB_STEP_SUMMARY": "", **(env or {})})
    assert "Traceback" not in cp.stderr, cp.stderr
    return cp


@pytest.mark.parametrize("config", [
    'output = "../outside/victim.txt"\n',
    'db = "../outside/ledger.db"\n',
    'cache-dir = "../outside/cache"\n',
    'baseline = "../outside/victim.txt"\n',
    'output = "{outside}/report.txt"\n',  # absolute
    'output = "~/report.txt"\n',  # the home folder (HOME is set to tmp_path/outside below)
    'output = "reports/../../outside/victim.txt"\n',
])
def test_a_config_cannot_name_a_path_outside_its_folder(tmp_path: Path, config: str) -> None:
    checkout, outside = _checkout(tmp_path, config.replace("{outside}", str(tmp_path / "outside")))
    before = _tree(tmp_path)
    cp = _run(checkout, "check", "draft.md", "--root", ".", env={"HOME": str(outside)})
    assert cp.returncode == 2, cp.stderr
    lines = cp.stderr.strip().splitlines()
    assert len(lines) == 1, cp.stderr
    assert "claimledger.toml" in lines[0] and "leaves the folder of the configuration file" in lines[0]
    assert _tree(tmp_path) == before  # nothing written anywhere, inside or out


def test_a_symlink_inside_the_checkout_does_not_carry_a_config_path_out(tmp_path: Path) -> None:
    checkout, outside = _checkout(tmp_path, 'cache-dir = "reports/cache"\ndb = "reports/ledger.db"\n')
    (checkout / "reports").symlink_to(outside, target_is_directory=True)
    before = _tree(outside)
    cp = _run(checkout, "check", "draft.md", "--root", ".")
    assert cp.returncode == 2 and "claimledger.toml" in cp.stderr and "leaves the folder" in cp.stderr
    assert _tree(outside) == before


def test_paths_inside_the_config_folder_resolve_against_it(tmp_path: Path) -> None:
    """Run from elsewhere: the config's relative paths still mean its own folder, not the cwd."""
    checkout, outside = _checkout(tmp_path, 'output = "out/report.json"\nformat = "json"\n'
                                            'db = "state/ledger.db"\ncache-dir = "state/cache"\n')
    before_outside = _tree(outside)
    cp = _run(tmp_path, "check", "checkout/draft.md", "--root", "checkout")
    assert cp.returncode == 0, cp.stderr
    report = json.loads((checkout / "out" / "report.json").read_text())
    assert report["documents"][0]["claims"][0]["verdict"] == "verified"
    assert (checkout / "state" / "ledger.db").is_file() and (checkout / "state" / "cache").is_dir()
    assert not (tmp_path / "out").exists() and not (tmp_path / "state").exists()
    assert _tree(outside) == before_outside


def test_the_command_line_may_name_any_path(tmp_path: Path) -> None:
    checkout, outside = _checkout(tmp_path, 'output = "../outside/victim.txt"\n')
    cp = _run(checkout, "check", "draft.md", "--root", ".", "-o", str(outside / "report.txt"),
              "--db", str(outside / "ledger.db"), "--cache-dir", str(outside / "cache"))
    assert cp.returncode == 0, cp.stderr
    assert "verified" in (outside / "report.txt").read_text()
    assert (outside / "ledger.db").is_file() and (outside / "victim.txt").read_text() == "precious\n"


@pytest.mark.parametrize(("setting", "value"), [(k, v * 2) for k, v in CONFIG_LIMITS.items()])
def test_resource_bounds_from_a_config_are_capped(tmp_path: Path, setting: str, value: float) -> None:
    key = setting.replace("_", "-")
    (tmp_path / "claimledger.toml").write_text(f"{key} = {value:g}\n")
    with pytest.raises(ConfigError, match=rf"claimledger\.toml: {key} = .* on the command line"):
        build_options({}, start=tmp_path)
    assert getattr(build_options({setting: value}, start=tmp_path), setting) == value  # the command line may


def test_changed_lines_from_a_config_cannot_be_a_git_option(tmp_path: Path) -> None:
    (tmp_path / "claimledger.toml").write_text('changed-lines = "--output=/tmp/x"\n')
    with pytest.raises(ConfigError, match="changed-lines must be a git revision"):
        build_options({}, start=tmp_path)


def test_a_bad_fail_on_in_a_config_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.claimledger]\nfail-on = ["misquote", "wrong"]\n')
    with pytest.raises(ConfigError) as err:
        build_options({}, start=tmp_path)
    message = str(err.value)
    assert message.startswith(str(tmp_path / "pyproject.toml")) and "fail-on" in message and "'wrong'" in message
    assert not message.startswith("--fail-on")


# --------------------------------------------------------------------------- the command line wins


def test_the_config_is_found_from_the_drafts_folder_not_the_cwd(tmp_path: Path) -> None:
    _checkout(tmp_path, 'format = "json"\nno-ledger = true\n')
    cp = _run(tmp_path, "check", "checkout/draft.md", "--root", "checkout")
    assert cp.returncode == 0, cp.stderr
    assert json.loads(cp.stdout)["schema"] == "claimledger.report/1"


def test_a_config_root_error_is_overridden_by_root_on_the_command_line(tmp_path: Path) -> None:
    checkout, _ = _checkout(tmp_path, 'root = "../.."\nno-ledger = true\n')
    refused = _run(checkout, "check", "draft.md")
    assert refused.returncode == 2 and "--root on the command line" in refused.stderr
    cp = _run(checkout, "check", "draft.md", "--root", ".")
    assert cp.returncode == 0, cp.stderr
    assert "1 verified" in cp.stdout


def test_boolean_settings_from_a_config_can_be_switched_off(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/page").respond_with_data("The pilot cost $200,000 to build.",
                                                         content_type="text/plain")
    checkout, _ = _checkout(tmp_path, "offline = true\nno-ledger = true\nquiet = true\ndiff = true\n"
                                      "refresh = true\n")
    # a stray byte that is not UTF-8: a warning that --quiet would hide
    (checkout / "draft.md").write_bytes(DRAFT.replace("sources/pilot.md", httpserver.url_for("/page")).encode()
                                        + b"\n<!-- \xff -->\n")
    cp = _run(checkout, "check", "draft.md", "--root", ".", "--allow-private-hosts", "--no-offline", "--ledger",
              "--no-quiet", "--no-diff", "--no-refresh", "--cache-dir", "c")
    assert cp.returncode == 0, cp.stderr
    assert len(httpserver.log) == 1  # --no-offline: fetched
    assert (checkout / "claims" / "ledger.db").is_file()  # --ledger
    assert "1 verified" in cp.stdout and "--- a/" not in cp.stdout  # the report, no diff
    assert "warning" in cp.stderr  # --no-quiet


def test_max_cache_age_reads_like_lychee() -> None:
    assert [parse_duration(v) for v in ("0", "90", "30m", "12h", "1d", "2w", "1h30m", 3600)] == [
        0, 90, 1800, 43200, 86400, 1209600, 5400, 3600]
    for bad in ("-1", "1y", "soon", "1d-", ""):
        with pytest.raises(ConfigError, match="--max-cache-age"):
            parse_duration(bad)
