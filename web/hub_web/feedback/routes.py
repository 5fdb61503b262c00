"""``POST /chat/feedback``: the widget's thumbs up or down on one of the bot's answers."""

from __future__ import annotations

import asyncio
import logging
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field

from hub_web.feedback.store import MAX_COMMENT_CHARS, FeedbackError, RatingValue, store_rating

logger = logging.getLogger(__name__)

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
    request: Request, feedback: Annotated[FeedbackIn, Body()]
) -> dict[str, Any]:
    """Store the rating once; 404 for an answer the conversation does not have, 409 twice.

    The console's tables are brought up to date first, so an answer just shown is known.
    """
    consumer = request.app.state.event_consumer
    if consumer is not None:
        try:
            await consumer.catch_up()
        except Exception:
            logger.exception("could not apply Rasa's latest events")
    try:
        rating = await asyncio.to_thread(
            store_rating,
            request.app.state.console_store.engine,
            feedback.sender_id,
            feedback.message_id,
            feedback.rating,
            feedback.comment,
        )
    except FeedbackError as error:
        raise HTTPException(status_code=error.status_code, detail=str(error)) from None
    return {"message_id": rating.message_id, "rating": rating.rating}
