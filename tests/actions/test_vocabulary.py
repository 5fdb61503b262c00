from __future__ import annotations

from pathlib import Path

import yaml

from actions.vocabulary import DISTRICTS, SECTORS, SERVICE_TYPES

API_LABELS = Path(__file__).resolve().parents[2] / "catalogue/catalogue_api/data/labels.yaml"


def test_the_bots_codes_are_the_catalogues():
    labels = yaml.safe_load(API_LABELS.read_text(encoding="utf-8"))
    assert set(labels["sector"]) == SECTORS
    assert set(labels["district"]) == DISTRICTS
    assert set(labels["service_type"]) >= SERVICE_TYPES


def test_every_service_synonym_maps_to_a_known_type():
    data = Path(__file__).resolve().parents[2] / "data/nlu"
    canonical = set()
    for path in data.glob("*/synonyms.yml"):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            canonical.add(item.get("synonym"))
    assert canonical >= SERVICE_TYPES | SECTORS | DISTRICTS
