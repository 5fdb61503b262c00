"""The evaluation: its sets and the code that scores a trained model on them.

`nlu/` holds the NLU sets (`nlu/eval/<lang>.yml`, the blind set; `nlu/<lang>/heldout.yml`,
the older held-out split), `conversations/` the blind multi-turn conversations. Never train
on them. `evaluate_nlu.py` (with `nlu_metrics.py`, `nlu_report.py`) scores intents,
entities and the reply language per set and language; `eval_language.py` the language
identification; `evaluate_conversations.py` (with `conversation_checks.py`,
`conversation_client.py`) whole conversations against a stack of its own.
"""
