"""The Rasa entity extractor, built on the lexicon (`hub_lexicon`) and the catalogue's names."""
