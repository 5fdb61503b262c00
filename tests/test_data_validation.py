"""`rasa data validate` on the project's data, domain and config."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.test_domain import DOMAIN, referenced_responses

REPO_ROOT = Path(__file__).resolve().parent.parent
RASA = Path(sys.executable).parent / "rasa"
#: Rasa warns about responses that no story or rule names, even when actions or forms send them.
SENT_BY_AN_ACTION = re.compile(r"The utterance '(utter_\w+)' is not used in any story or rule\.")


def test_rasa_data_validate_passes_with_no_unexplained_warning():
    result = subprocess.run(
        [
            str(RASA),
            "data",
            "validate",
            "--data",
            "data",
            "--domain",
            "domain.yml",
            "--config",
            "config.yml",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    warnings = re.findall(r"UserWarning: (.*)", output)
    form_questions = {
        f"utter_ask_{slot}" for form in DOMAIN["forms"].values() for slot in form["required_slots"]
    }
    sent_by_actions = referenced_responses() | form_questions
    unexplained = [
        warning
        for warning in warnings
        if not (
            (match := SENT_BY_AN_ACTION.fullmatch(warning.strip()))
            and match.group(1) in sent_by_actions
        )
    ]
    assert unexplained == []
    assert "No story structure conflicts found" in output
