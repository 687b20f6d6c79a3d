"""The feedback store survives what Windows and word processors put in it: CRLF line ends and the
Unicode line separators (U+0085, U+2028, U+2029) that YAML counts as line ends and Python's "\\n" does not."""

from __future__ import annotations

import datetime as dt
import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aupkit.config import load_config
from aupkit.feedback.items import Item, item_id
from aupkit.feedback.merge import apply_merge, plan_merge
from aupkit.feedback.store import dump_file, load_store
from aupkit.model import load_manual
from feedback_samples import spanish_project

SEPARATORS = "\x85\u2028\u2029"
text = st.text(
    st.one_of(st.sampled_from(f"ab ¿?ñ{SEPARATORS}\n"), st.characters(codec="utf-8", exclude_categories=("Cs",))),
    min_size=1,
    max_size=40,
).filter(lambda value: any(ch.isalnum() for ch in value))


def _merge(root):
    config = load_config(root)
    plan = plan_merge(load_manual(config), config, load_store(config), dt.date(2026, 11, 23))
    if not plan.empty:
        apply_merge(plan)
    return plan


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    entries=st.lists(
        st.tuples(text, text), min_size=1, max_size=4, unique_by=lambda pair: item_id("s", "question", pair[0])
    ),
    crlf=st.booleans(),
    raw_separators=st.booleans(),
)
def test_merge_and_merge_again_on_any_line_ends_changes_nothing_the_second_time(
    tmp_path_factory, entries: list[tuple[str, str]], crlf: bool, raw_separators: bool
) -> None:
    root = spanish_project(tmp_path_factory.mktemp("store"))
    items = [
        Item(id=item_id("s", "question", question), session="s", date="2026-11-20", rule="email-report",
             kind="question", text=question, status="answered", answer=answer)
        for question, answer in entries
    ]  # fmt: skip
    saved = dump_file("s", items)
    if raw_separators:  # as a person pasting from a word processor leaves them: unescaped, inside quotes
        saved = re.sub(r"\\u(0085|2028|2029)", lambda match: chr(int(match.group(1), 16)), saved)
    if crlf:
        saved = saved.replace("\n", "\r\n")
    (root / "feedback").mkdir()
    path = root / "feedback" / "s.yaml"
    path.write_bytes(saved.encode("utf-8"))
    stored = [item.text for item in load_store(load_config(root)).items]
    as_yaml_reads_it = [str(entry["text"]).strip() for entry in yaml.load(saved, Loader=yaml.SafeLoader)["items"]]
    assert stored == as_yaml_reads_it, "the store reads back as written"

    first = _merge(root)
    assert not first.empty
    after_first = path.read_bytes()
    assert b"\r\r" not in after_first
    assert _merge(root).empty, "a second merge found work left"
    assert path.read_bytes() == after_first
    stored = load_store(load_config(root)).items
    assert {item.released for item in stored} == {first.version_after}
    released_keys = [node for node in _keys(path.read_text(encoding="utf-8")) if node == "released"]
    assert len(released_keys) == len(items), "each item has exactly one released: key"


def _keys(text: str) -> list[str]:
    """Every key of every item mapping, duplicates included (a dict would hide them)."""
    root = yaml.compose(text)
    items = next(value for key, value in root.value if key.value == "items")
    return [key.value for entry in items.value for key, _ in entry.value]
