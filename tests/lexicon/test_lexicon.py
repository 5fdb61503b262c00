"""The project's lexicon names exactly the canonical codes, and each form one code."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from hub_lexicon.lexicon import codes_by_entity, read_lexicon
from hub_lexicon.normaliser import default_normaliser
from hub_vocabulary import DISTRICTS, SECTORS, SERVICE_TYPES, TOPICS

CATALOGUE = Path(__file__).resolve().parents[2] / "catalogue/catalogue_api/data/catalogue.yaml"


def test_the_lexicon_names_every_code_and_no_other():
    codes = codes_by_entity(read_lexicon())
    assert codes["sector"] == set(SECTORS)
    assert codes["district"] == set(DISTRICTS)
    assert codes["service"] == set(SERVICE_TYPES)
    assert codes["topic"] == set(TOPICS)
    seed = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    assert codes["project"] == {project["id"] for project in seed["projects"]}


def test_no_form_names_two_codes_of_one_entity_type():
    normaliser = default_normaliser()
    clashes = defaultdict(set)
    for form in read_lexicon():
        if form.language == "code":
            continue
        for match in normaliser.find(form.form):
            if match.entity == form.entity and (match.start, match.end) == (0, len(form.form)):
                clashes[(form.entity, form.form)].add(match.value)
    assert {key: values for key, values in clashes.items() if len(values) > 1} == {}


def test_every_form_maps_back_to_its_own_code():
    normaliser = default_normaliser()
    wrong = [
        (form.entity, form.form, form.code)
        for form in read_lexicon()
        if form.language != "code" and normaliser.normalise(form.entity, form.form) != form.code
    ]
    assert wrong == []


def test_colloquial_and_central_asian_words_of_set_ten_reach_their_codes() -> None:
    normaliser = default_normaliser()
    assert normaliser.normalise("service", "а безвиз для россиян есть?") == "visa"
    assert normaliser.normalise("project", "муздаткыч логистика") == (
        "huarong-guangde-cold-chain-park"
    )
    assert normaliser.normalise("topic", "а вложения какие") == "investment"
