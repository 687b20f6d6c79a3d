"""aup lint through the CLI: output formats, exit codes, the HTML report, the cache and bad input."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from conftest import FRONT, MANUAL, REPO, page

GOOD = page("Topic", [("topic-lock", "Lock your screen")])
BAD = (
    FRONT.format(title="Bad")
    + "\n# Bad\n\nStaff shall utilize the lock. "
    + "Organizational classification necessitates comprehension. " * 20
    + "\n"
)

# The parts of the SARIF 2.1.0 schema (OASIS) that code scanning relies on, written from the specification.
SARIF_SUBSET = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "$schema": {"type": "string"},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "shortDescription": {
                                                    "type": "object",
                                                    "required": ["text"],
                                                },
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {
                                                        "level": {"enum": ["none", "note", "warning", "error"]}
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["message", "ruleId", "locations"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": 0},
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": {"type": "object", "required": ["text"]},
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "required": ["artifactLocation"],
                                                "properties": {
                                                    "artifactLocation": {
                                                        "type": "object",
                                                        "required": ["uri"],
                                                        "properties": {
                                                            "uri": {"type": "string", "format": "uri-reference"}
                                                        },
                                                    },
                                                    "region": {
                                                        "type": "object",
                                                        "properties": {
                                                            "startLine": {"type": "integer", "minimum": 1},
                                                            "startColumn": {"type": "integer", "minimum": 1},
                                                        },
                                                    },
                                                },
                                            }
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def test_text_output_lines_table_and_exit_codes(project: Callable[..., Path], run: Callable) -> None:
    root = project({"good.md": GOOD, "bad.md": BAD})
    result = run(["lint", "--no-cache"], cwd=root)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "manual/bad.md:12:7: warning obligation-shall: 'shall' is legal jargon; an obligation reads clearer with " \
           "'must' (write 'must')" in lines  # fmt: skip
    assert any(
        re.match(r"manual/bad\.md:1:1: error page-readability: Flesch-Kincaid grade \d+\.\d is above", line)
        for line in lines
    )
    assert re.search(r"^good\.md\s+en\s+\d+\s+\d+\s+grade", result.output, re.MULTILINE)
    assert lines[-1].startswith("aup lint: 2 error(s)")
    assert run(["lint", "--no-cache", "manual/good.md"], cwd=root).exit_code == 0
    assert run(["lint", "--no-cache", "--fail-on", "never"], cwd=root).exit_code == 0
    assert run(["lint", "--no-cache", "--fail-on", "info", "manual/good.md"], cwd=root).exit_code in (0, 1)


def test_json_output_shape(project: Callable[..., Path], run: Callable) -> None:
    root = project({"good.md": GOOD, "bad.md": BAD})
    data = json.loads(run(["lint", "--no-cache", "--format", "json"], cwd=root).stdout)
    assert data["version"] == 1
    assert set(data["findings"][0]) == {"path", "line", "column", "code", "severity", "message", "suggestion"}
    paths = [p["path"] for p in data["pages"]]
    assert paths == ["manual/bad.md", "manual/good.md"]
    assert set(data["pages"][0]["metrics"]) == {
        "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
        "dale_chall_readability_score",
    }  # fmt: skip
    assert data["summary"]["errors"] == 2 and data["summary"]["pages_missing_targets"] == ["bad.md"]
    # A rule's scores are those of its own sentences: for a page of one rule, the same as the page's.
    good = data["pages"][1]
    assert [rule["id"] for rule in good["rules"]] == ["topic-lock"]
    assert good["rules"][0]["metrics"] == good["metrics"] and good["metrics"]["flesch_reading_ease"] is not None


def test_github_annotations_and_summary(project: Callable[..., Path], run: Callable) -> None:
    many = FRONT.format(title="Many") + "\n# Many\n\n" + "Please utilize it.\n\n" * 12
    root = project({"many.md": many})
    output = run(["lint", "--no-cache", "--format", "github"], cwd=root).stdout.splitlines()
    warnings = [line for line in output if line.startswith("::warning ") and "word-complex" in line]
    assert len(warnings) == 12
    assert warnings[0] == (
        "::warning file=manual/many.md,line=12,col=8,title=aup lint word-complex::"
        "'utilize' is a complex word (write 'use')"
    )
    assert output[-1] == "GitHub shows only 10 annotations of each type: 3 more warning(s) are in this log only."


def test_sarif_output_validates(project: Callable[..., Path], run: Callable) -> None:
    root = project({"good.md": GOOD, "bad.md": BAD, "broken.md": b"\xff\xfe not utf-8"})
    result = run(["lint", "--no-cache", "--format", "sarif"], cwd=root)
    assert result.exit_code == 3  # a page that cannot be read
    data = json.loads(result.stdout)
    jsonschema.validate(data, SARIF_SUBSET, format_checker=jsonschema.FormatChecker())
    results = data["runs"][0]["results"]
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert {"not-utf8", "obligation-shall", "page-readability"} <= {r["ruleId"] for r in results}
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("manual/")


# The whole SARIF 2.1.0 schema (its final text, "rtm.5", as SchemaStore publishes it), from an npm package.
SARIF_SCHEMA = REPO / "node_modules" / "@microsoft" / "jest-sarif" / "lib" / "schemas" / "sarif-2.1.0-rtm.5.json"


def test_sarif_output_validates_against_the_official_schema(project: Callable[..., Path], run: Callable) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not installed: run 'npm install --prefix {REPO} @microsoft/jest-sarif'")
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    root = project({"good.md": GOOD, "bad.md": BAD, "broken.md": b"\xff\xfe not utf-8"})
    data = json.loads(run(["lint", "--no-cache", "--format", "sarif"], cwd=root).stdout)
    validator = jsonschema.Draft4Validator(schema)
    assert [error.message for error in validator.iter_errors(data)] == []
    # The schema forbids properties it does not define: a misspelt one is caught.
    data["runs"][0]["results"][0]["ruleID"] = "typo"
    assert not validator.is_valid(data)


def test_html_report_is_self_contained(project: Callable[..., Path], run: Callable, tmp_path: Path) -> None:
    root = project({"good.md": GOOD, "bad.md": BAD})
    target = tmp_path / "out" / "report.html"
    run(["lint", "--no-cache", "--html", str(target)], cwd=root)
    html = target.read_text("utf-8")
    assert '<mark class="word" data-tip="&#x27;utilize&#x27; is a complex word → write &#x27;use&#x27;">' in html
    assert '<mark class="very-hard"' in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html


def test_a_rerun_says_the_same_and_an_edit_is_seen_and_the_old_speed_options_do_nothing(
    project: Callable[..., Path], run: Callable
) -> None:
    root = project({"good.md": GOOD, "bad.md": BAD})
    first = run(["lint"], cwd=root).stdout
    assert run(["lint"], cwd=root).stdout == first
    assert run(["lint", "--no-cache", "--jobs", "4"], cwd=root).stdout == first  # accepted for 0.1 scripts
    assert not (root / ".aup-cache").exists(), "aup lint writes nothing"
    (root / "manual" / "good.md").write_text(GOOD + "\nStaff shall log out.\n", encoding="utf-8")
    assert "manual/good.md" in run(["lint"], cwd=root).stdout.split("obligation-shall")[-2]


@pytest.mark.parametrize(
    ("name", "content", "expected", "code"),
    [
        ("binary.md", b"\x00\x01\x02PNG", "binary", 3),
        ("latin1.md", "caf\xe9".encode("latin-1"), "not UTF-8", 3),
        ("empty.md", b"", "no front matter", 1),
        ("code.md", (FRONT.format(title="Code") + "\n```\nprint('x')\n```\n").encode(), "code.md  en    0", 0),
    ],
)
def test_bad_input_gives_a_message_not_a_traceback(
    project: Callable[..., Path], run: Callable, name: str, content: bytes, expected: str, code: int
) -> None:
    root = project({name: content})
    result = run(["lint", "--no-cache"], cwd=root)
    assert result.exit_code == code
    assert "Traceback" not in result.output
    assert expected in result.output


def test_huge_page_and_long_line(project: Callable[..., Path], run: Callable) -> None:
    line = " ".join(["lock"] * 2500) + "."  # a line of 12,500 characters
    word = "responsibilitiesacknowledgementprocedures"  # 41 characters: 0.97 MB without a million words to score
    big = FRONT.format(title="Big") + "\n# Big\n\n" + (" ".join([word] * 100) + ".\n\n") * 230
    root = project({"line.md": FRONT.format(title="Line") + "\n# Line\n\n" + line + "\n", "big.md": big})
    assert 900_000 < (root / "manual" / "big.md").stat().st_size < 1_000_000  # just under the page limit
    result = run(["lint", "--no-cache", "--format", "json"], cwd=root)
    data = json.loads(result.stdout)
    long = [f for f in data["findings"] if f["code"] == "sentence-long" and f["path"].endswith("line.md")]
    assert len(long) == 1 and "2500 words" in long[0]["message"]
    big_page = next(p for p in data["pages"] if p["path"].endswith("big.md"))
    assert big_page["sentences"] == 230 and big_page["words"] == 23_000
    assert big_page["metrics"]["flesch_kincaid_grade"] > 20  # a sensible score: very hard


@pytest.mark.parametrize("folder", [MANUAL, MANUAL.parent / "tools" / "aupkit" / "starter" / "es"], ids=["en", "es"])
def test_the_shipped_manuals_pass_with_no_error(run: Callable, folder: Path) -> None:
    result = run(["lint", "--no-cache", "--fail-on", "error", "--format", "json", str(folder)], cwd=MANUAL.parent)
    data = json.loads(result.stdout)
    assert [f for f in data["findings"] if f["severity"] == "error"] == []
    assert [f for f in data["findings"] if f["code"] == "acronym-undefined"] == []  # the glossary is found
    assert data["summary"]["pages_missing_targets"] == []
    assert result.exit_code == 0


def test_pre_commit_hook_runs_aup_lint() -> None:
    import yaml

    hooks = yaml.safe_load((MANUAL.parent / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "aup-lint")
    assert hook["entry"].split()[:2] == ["aup", "lint"]
    assert hook["language"] == "python" and hook["types"] == ["markdown"] and hook["pass_filenames"] is False


def test_html_marks_the_whole_quoted_phrase(project: Callable[..., Path], run: Callable, tmp_path: Path) -> None:
    text = FRONT.format(title="Locks") + "\n# Locks\n\nSome laptops aren't locked at night.\n"
    root = project({"locks.md": text})
    target = tmp_path / "report.html"
    run(["lint", "--no-cache", "--html", str(target)], cwd=root)
    assert ">aren&#x27;t locked</mark>" in target.read_text("utf-8")


def test_every_format_the_cli_offers_is_dispatched_to_its_own_formatter(project, run) -> None:
    from aupkit.lint.formats import FORMATS, FORMATTERS

    assert FORMATS == tuple(FORMATTERS) == ("text", "json", "github", "sarif")
    root = project({"a.md": FRONT.format(title="A") + "\n# A\n\nThe policy shall be utilised.\n"})
    outputs = {fmt: run(["lint", "--no-cache", "--format", fmt], cwd=root).stdout for fmt in FORMATS}
    assert outputs["json"].lstrip().startswith("{") and '"$schema"' in outputs["sarif"]
    assert outputs["github"].startswith("::") and "a.md:" in outputs["text"]
    assert len(set(outputs.values())) == len(FORMATS), "no format falls back to another"
