"""Visitors rate the bot's answers in the widget (thumbs up or down, an optional comment).

:mod:`hub_web.chat_feedback` takes the rating (``POST /chat/feedback``) and
:mod:`hub_web.feedback.store` keeps it in the console's database, tied to the rated bot
message of the conversation's event stream; :func:`read_ratings` and :func:`rating_counts`
read them back.
"""

from hub_web.feedback.store import Rating, rating_counts, read_ratings

__all__ = ["Rating", "rating_counts", "read_ratings"]
