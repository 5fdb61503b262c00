"""The NLU components that `config.yml` names, run inside the Rasa server.

The tokenizer, the entity extractor and the language detector (with the Turkic Latin
transliterator), at training and at parse time; the lexicon they read is `hub_lexicon`.
"""
