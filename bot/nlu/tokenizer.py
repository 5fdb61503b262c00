"""A tokenizer for messages that mix Chinese, Russian and English.

Runs of Han characters are read as Simplified Chinese and segmented with jieba; every
other run of letters, marks and digits (Latin, Cyrillic, ...) becomes one word token.
Whitespace, punctuation and emoji never become tokens. Every token keeps its character
offsets in the original text, so entity annotations in the training data line up with
token boundaries.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import jieba
import regex
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from hub_lexicon.text import to_simplified

logger = logging.getLogger(__name__)

# A token is either a run of Han characters (segmented further by jieba) or a word of any
# other script: letters, combining marks and digits, optionally joined by an apostrophe,
# hyphen, dot, underscore or "@" between two such characters, so that "по-английски",
# "don't", "3.5", "COVID-19" and "name@example.com" stay single tokens.
NON_HAN_WORD_CHAR = r"[\p{L}\p{M}\p{N}--\p{Han}]"
TOKEN_PATTERN = regex.compile(
    rf"(?P<han>\p{{Han}}+)|(?P<word>{NON_HAN_WORD_CHAR}+(?:['’\-._@]{NON_HAN_WORD_CHAR}+)*)",
    flags=regex.VERSION1,
)

# jieba segmenters, one per user dictionary (None = jieba's own dictionary only). Loading
# jieba's dictionary takes about a second and tens of megabytes, so it is shared.
_SEGMENTERS: dict[str | None, jieba.Tokenizer] = {}
_SEGMENTERS_LOCK = threading.Lock()


def _user_dictionary_files(dictionary_path: str) -> list[Path]:
    """Returns the user dictionary files at a path (a file, or a folder of files)."""
    path = Path(dictionary_path)
    if path.is_dir():
        return sorted(child for child in path.iterdir() if child.is_file())
    if path.is_file():
        return [path]
    raise FileNotFoundError(f"jieba user dictionary not found: '{dictionary_path}'")


def get_segmenter(dictionary_path: str | None = None) -> jieba.Tokenizer:
    """Returns an initialised jieba segmenter, loading a user dictionary if one is given.

    Args:
        dictionary_path: A jieba user dictionary file, or a folder whose files are all
            user dictionaries (loaded in name order). None for jieba's dictionary only.

    Returns:
        A private `jieba.Tokenizer` (jieba's global one is left untouched).
    """
    key = str(Path(dictionary_path).resolve()) if dictionary_path else None
    with _SEGMENTERS_LOCK:
        segmenter = _SEGMENTERS.get(key)
        if segmenter is None:
            jieba.setLogLevel(logging.WARNING)
            segmenter = jieba.Tokenizer()
            segmenter.initialize()
            if key is not None:
                for dictionary_file in _user_dictionary_files(key):
                    logger.debug(f"Loading jieba user dictionary '{dictionary_file}'.")
                    segmenter.load_userdict(str(dictionary_file))
            _SEGMENTERS[key] = segmenter
    return segmenter


def tokenize_text(text: str, segmenter: jieba.Tokenizer) -> list[Token]:
    """Splits a text into word tokens with offsets into the text.

    Args:
        text: The text to split.
        segmenter: The jieba segmenter used for runs of Han characters.

    Returns:
        Tokens in text order; punctuation, whitespace and emoji are dropped.
    """
    tokens: list[Token] = []
    for match in TOKEN_PATTERN.finditer(text):
        if match.group("han") is None:
            tokens.append(Token(match.group(), match.start(), match.end()))
            continue
        run_start = match.start()
        # Traditional characters are read as Simplified; the offsets stay the same.
        for word, start, end in segmenter.tokenize(to_simplified(match.group()), HMM=True):
            tokens.append(Token(word, run_start + start, run_start + end))
    return tokens


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class MultilingualTokenizer(Tokenizer):
    """Tokenizes Chinese with jieba and other scripts by words, with exact offsets."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Returns the component's default config."""
        return {
            # A jieba user dictionary file or folder (e.g. project names), or None.
            # Relative paths are resolved against the working directory, at training and
            # at inference time alike (the file is not copied into the model).
            "dictionary_path": None,
            # Flag to check whether to split intents
            "intent_tokenization_flag": False,
            # Symbol on which intent should be split
            "intent_split_symbol": "_",
            # Regular expression to detect tokens
            "token_pattern": None,
            # Symbol on which prefix should be split
            "prefix_separator_symbol": None,
        }

    def __init__(self, config: dict[str, Any]) -> None:
        """Creates the tokenizer and loads jieba's dictionaries."""
        super().__init__(config)
        self._segmenter = get_segmenter(config.get("dictionary_path"))

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MultilingualTokenizer:
        """Creates a new component (see parent class for full docstring)."""
        return cls({**cls.get_default_config(), **config})

    @staticmethod
    def required_packages() -> list[str]:
        """Any extra python dependencies required for this component to run."""
        return ["jieba", "regex"]

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        """Tokenizes the text of the provided attribute of the incoming message."""
        text = message.get(attribute)
        tokens = tokenize_text(text, self._segmenter)
        if not tokens and text.strip():
            # Like WhitespaceTokenizer: a text of only symbols (":)", "👍") becomes one
            # token, so featurizers never see an empty sequence.
            stripped = text.strip()
            start = text.index(stripped)
            tokens = [Token(stripped, start, start + len(stripped))]
        return self._apply_token_pattern(tokens)
