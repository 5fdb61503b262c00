"""langdetect made reproducible: a private, seeded factory used under a lock."""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

LANGDETECT_SEED = 0

_LANGDETECT_LOCK = threading.Lock()


@functools.lru_cache(maxsize=1)
def _detector_factory() -> DetectorFactory:
    """Returns a private, seeded langdetect factory (the global one is left untouched)."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = LANGDETECT_SEED  # every Detector re-seeds its random generator with it
    return factory


def load_langdetect_profiles() -> None:
    """Loads langdetect's language profiles now rather than on the first message."""
    _detector_factory()


def langdetect_probabilities(text: str) -> dict[str, float]:
    """Returns langdetect's language probabilities for a text, reproducibly.

    Args:
        text: Any text.

    Returns:
        Probabilities by langdetect code ("zh-cn" is folded into "zh"); empty when
        langdetect finds no features.
    """
    with _LANGDETECT_LOCK:
        detector = _detector_factory().create()
        detector.append(text)
        try:
            languages = detector.get_probabilities()
        except LangDetectException:
            return {}
    probabilities: dict[str, float] = {}
    for language in languages:
        code = "zh" if language.lang.startswith("zh") else language.lang
        probabilities[code] = probabilities.get(code, 0.0) + language.prob
    return probabilities


def best_language(probabilities: Mapping[str, float]) -> tuple[str | None, float]:
    """Returns the most probable language and its probability (ties: the larger code).

    Args:
        probabilities: Probabilities by language code.

    Returns:
        The code and its probability, or (None, 0.0) when there are none.
    """
    if not probabilities:
        return None, 0.0
    code = max(probabilities, key=lambda language: (probabilities[language], language))
    return code, probabilities[code]
