"""The source line of an answer: each press release once, in words, never a file name."""

from __future__ import annotations

from actions.sources import SourceRef, citation, source_line
from tests.actions.helpers import FIRST_RELEASE, SECOND_RELEASE


def test_each_press_release_is_named_once_in_first_order():
    both = f"{SECOND_RELEASE}; {FIRST_RELEASE}"
    assert source_line([SECOND_RELEASE, both, FIRST_RELEASE]) == both


def test_facts_without_a_source_add_nothing():
    assert source_line(["", FIRST_RELEASE, ""]) == FIRST_RELEASE
    assert source_line(["", ""]) == ""
    assert source_line([]) == ""


def test_a_citation_names_the_line_and_each_release_once():
    facts = [
        SourceRef(FIRST_RELEASE, "000_2cccb1eb8e631a90.txt"),
        SourceRef(f"{FIRST_RELEASE}; {SECOND_RELEASE}", "000_2cccb1eb8e631a90.txt, 001_x.txt"),
        SourceRef("", "unknown.txt"),
    ]
    assert citation(facts) == {
        "source": f"{FIRST_RELEASE}; {SECOND_RELEASE}",
        "source_releases": ["000_2cccb1eb8e631a90.txt", "001_x.txt"],
    }


def test_no_label_no_citation_line():
    assert citation([SourceRef("", "unknown.txt")]) == {"source": "", "source_releases": []}
