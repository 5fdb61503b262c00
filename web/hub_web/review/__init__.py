"""The review queue: visitor messages that need a person, staff's labels, and their export.

- :mod:`hub_web.review.queue`: which messages need a person, and why, with their context;
- :mod:`hub_web.review.decisions`: the intent and entities staff confirm or correct, or
  "out of scope";
- :mod:`hub_web.review.domain`: the domain's intents and entities that staff choose from;
- :mod:`hub_web.review.export`: the labelled messages as Rasa NLU YAML, one file per language.

The console's pages are in :mod:`hub_web.console.review`.
"""
