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
