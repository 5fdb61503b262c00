"""The text and lexicon library of the NLU and the actions.

The lexicon (`lexicon/*.yml`: every surface form of every canonical code of
`hub_vocabulary`), the entity normaliser that maps a visitor's words to those codes, country
names to ISO codes, Turkic suffixes, and Traditional-to-Simplified Chinese. The Rasa
server's entity extractor (`bot.nlu.entities`) and the action server (`actions`) both import
it, so the vocabulary is known in one place; it imports neither.
"""
