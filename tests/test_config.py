"""Options: defaults < configuration file < command line, and what a configuration file may not do."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Options, build_options, find_config, parse_fail_on
from pipeline.errors import ConfigError


def test_defaults_match_the_contract() -> None:
    o = Options()
    assert (o.format, o.db, o.cache_dir, o.fail_on) == ("text", "claims/ledger.db", "cache", ("misquote", "not_found"))
    assert (o.concurrency, o.host_concurrency, o.timeout) == (16, 8, 20.0)
    assert not o.allow_private_hosts and not o.offline and not o.no_ledger


@pytest.mark.parametrize(("raw", "expected"), [
    ("misquote,not_found", ("misquote", "not_found")),
    ("none", ()),
    ("unavailable", ("unavailable",)),
    ("not-found, misquote", ("not_found", "misquote")),
    (["uncited"], ("uncited",)),
    ("dangling_citation", ("dangling_citation",)),
])
def test_fail_on(raw: str | list[str], expected: tuple[str, ...]) -> None:
    assert parse_fail_on(raw) == expected


def test_fail_on_unknown_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="bogus"):
        parse_fail_on("misquote,bogus")


def test_pyproject_table_and_command_line_precedence(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.claimledger]\nfail-on = ["unavailable"]\ntimeout = 5\n'
                                             'format = "json"\n')
    sub = tmp_path / "drafts" / "deep"
    sub.mkdir(parents=True)
    o = build_options({"format": "sarif"}, start=sub)  # discovered upward; the command line wins
    assert o.fail_on == ("unavailable",) and o.timeout == 5 and o.format == "sarif"


def test_claimledger_toml_is_found_before_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.claimledger]\ntimeout = 5\n")
    (tmp_path / "claimledger.toml").write_text("timeout = 7\n")
    found = find_config(tmp_path)
    assert found is not None and found[0].name == "claimledger.toml"
    assert build_options({}, start=tmp_path).timeout == 7


def test_pyproject_without_our_table_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n")
    found = find_config(tmp_path)
    assert found is None or found[0].parent != tmp_path


@pytest.mark.parametrize(("table", "message"), [
    ("timeout = -1\n", "non-negative"),
    ("offline = 3\n", "true or false"),
    ("colour = true\n", "unknown option"),
    ('format = "pdf"\n', "format must be"),
    ("[tool.claimledger\n", "cannot read configuration"),
    ("allow-private-hosts = true\n", "only be given on the command line"),
    ('root = "/"\n', "leaves the folder"),
    ('root = "../.."\n', "leaves the folder"),
])
def test_bad_or_unsafe_configuration_is_refused(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "claimledger.toml").write_text(table)
    with pytest.raises(ConfigError, match=message):
        build_options({}, start=tmp_path)


def test_root_inside_the_config_folder_is_allowed_and_resolved(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "claimledger.toml").write_text('root = "sources"\n')
    assert build_options({}, start=tmp_path).root == str((tmp_path / "sources").resolve())


def test_command_line_may_allow_private_hosts(tmp_path: Path) -> None:
    assert build_options({"allow_private_hosts": True}, start=tmp_path).allow_private_hosts


@pytest.mark.parametrize("key", ["concurrency", "host_concurrency"])
def test_concurrency_must_be_positive(tmp_path: Path, key: str) -> None:
    with pytest.raises(ConfigError):
        build_options({key: 0}, start=tmp_path)
