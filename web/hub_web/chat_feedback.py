"""``POST /chat/feedback``: the widget's thumbs up or down on one of the bot's answers."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException
from pydantic import BaseModel, ConfigDict, Field

from hub_web.console.deps import fresh_console_store
from hub_web.events import ConsoleStore
from hub_web.feedback.store import MAX_COMMENT_CHARS, FeedbackError, RatingValue, store_rating

router = APIRouter()


class FeedbackIn(BaseModel):
    """A visitor's rating of one answer of their conversation.

    Attributes:
        sender_id: The widget's session id (Rasa's sender id).
        message_id: The answer's ``message_id`` as the widget received it (the bot event's
            timestamp in Rasa's event stream).
        rating: ``"up"`` or ``"down"``.
        comment: What was wrong, on one line (at most 300 characters).
    """

    model_config = ConfigDict(extra="forbid")

    sender_id: str = Field(min_length=1, max_length=255)
    message_id: float = Field(allow_inf_nan=False, gt=0)
    rating: RatingValue
    comment: str | None = Field(None, max_length=MAX_COMMENT_CHARS)


@router.post("/chat/feedback", status_code=201, name="chat_feedback")
async def chat_feedback(
    feedback: Annotated[FeedbackIn, Body()],
    store: Annotated[ConsoleStore, Depends(fresh_console_store)],
) -> dict[str, Any]:
    """Store the rating once; 404 for an answer the conversation does not have, 409 twice.

    The console's tables are brought up to date first, so an answer just shown is known.
    """
    try:
        rating = await asyncio.to_thread(
            store_rating,
            store.engine,
            feedback.sender_id,
            feedback.message_id,
            feedback.rating,
            feedback.comment,
        )
    except FeedbackError as error:
        raise HTTPException(status_code=error.status_code, detail=str(error)) from None
    return {"message_id": rating.message_id, "rating": rating.rating}
