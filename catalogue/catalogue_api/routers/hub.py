"""The hub: name, summary, figures and events."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import select

from catalogue_api import i18n, sources
from catalogue_api.content_views import event_out
from catalogue_api.deps import LangDep, SessionDep, SourcesDep, public_cache_control
from catalogue_api.errors import error_responses
from catalogue_api.models import Event, Figure, Hub
from catalogue_api.schemas import FigureOut, HubOut, ReleaseOut

router = APIRouter(tags=["hub"], dependencies=[Depends(public_cache_control)])


@router.get("/hub", responses=error_responses(422, 503))
def get_hub(session: SessionDep, lang: LangDep, known: SourcesDep) -> HubOut:
    """Return the hub's name and summary, its figures (as in the seeds) and events by date."""
    hub = session.get(Hub, 1)
    if hub is None:
        raise HTTPException(status_code=503, detail="catalogue not seeded yet")
    figures = [
        FigureOut(
            key=figure.key,
            label=i18n.pick(figure, "label", lang) or figure.key,
            value=figure.value,
            unit=i18n.unit_label(figure.unit, lang),
            unit_code=figure.unit,
            qualifier=figure.qualifier,
            display=i18n.figure_display(figure.value, figure.unit, figure.qualifier, lang),
            source=figure.source,
            source_label=sources.source_label(figure.source, lang, known),
        )
        for figure in session.scalars(select(Figure).order_by(Figure.position, Figure.key))
    ]
    events = [
        event_out(event, lang, known)
        for event in session.scalars(select(Event).order_by(Event.date, Event.position))
    ]
    named = [hub.source, *(f.source for f in figures), *(e.source for e in events)]
    files = dict.fromkeys(name for source in named if source for name in sources.file_names(source))
    releases = [
        ReleaseOut(
            source=name,
            date=entry.date.isoformat(),
            date_label=i18n.date_label(entry.date.isoformat(), lang),
            title=entry.title,
        )
        for name in files
        if (entry := known.root.get(name)) is not None
    ]
    return HubOut(
        name=i18n.pick(hub, "name", lang) or "",
        summary=i18n.pick(hub, "summary", lang),
        source=hub.source,
        source_label=sources.source_label(hub.source, lang, known),
        figures=figures,
        events=events,
        releases=releases,
    )
