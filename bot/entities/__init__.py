"""The entity vocabulary: the lexicon, the normaliser and the Rasa extractor built on them."""
