"""`actions.hub_figures`: a question about one of the hub's figures gets that figure (issue 20)."""

from __future__ import annotations

from actions.hub import ActionShowHubInfo
from actions.projects import ActionShowProject
from tests.actions.conftest import CATALOGUE_URL
from tests.actions.helpers import (
    HUB_JSON,
    PROJECTS,
    SECOND_RELEASE,
    ask,
    entity,
    figure_json,
    hub_json,
    page_json,
    responses_sent,
)

HUB_JSON_ANNOUNCED = hub_json(
    figures=[
        *HUB_JSON["figures"],
        figure_json("announced_projects", "Projects Qingdao announced", "20"),
    ]
)
HUB_JSON_2021 = hub_json(
    figures=[
        *HUB_JSON["figures"],
        figure_json(
            "visiting_2021_projects",
            "Projects signed in June 2021",
            "16",
            source="001_0a785f59c5b8bd8c.txt",
            source_label=SECOND_RELEASE,
        ),
    ],
)


def test_a_question_about_the_opening_gets_the_openings_counts_and_sums(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    for text, topics in (
        ("so how many deals were closed when it opened", ["status"]),
        ("开幕那天投资了多少", ["investment"]),
        ("что подписали на открытии?", []),
    ):
        messages, _ = ask(
            ActionShowHubInfo(),
            intent="ask_hub_info",
            text=text,
            entities=[entity("topic", t) for t in topics],
        )
        assert responses_sent(messages) == ["utter_hub_investment"], text
        assert messages[0]["figures"] == (
            "• Projects signed at the opening: 10\n• Their total investment: 42.7 billion yuan"
        ), text


def test_a_year_alone_after_the_hub_gets_that_years_figures_only(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON_2021)
    for text in ("what about 2021 then?", "那2021年呢", "ну а 2021?"):
        messages, _ = ask(
            ActionShowHubInfo(), intent="ask_hub_info", text=text, slots={"subject": "hub"}
        )
        assert responses_sent(messages) == ["utter_hub_investment"], text
        assert "16" in messages[0]["figures"] and "10" not in messages[0]["figures"], text
        assert messages[0]["source"] == SECOND_RELEASE


def test_a_year_on_after_the_hub_gets_the_next_years_figures(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON_2021)
    for text in ("and a yr later?", "过了一年以后呢", "а спустя год?"):
        messages, _ = ask(
            ActionShowHubInfo(), intent="ask_hub_info", text=text, slots={"subject": "hub"}
        )
        assert responses_sent(messages) == ["utter_hub_investment"], text
        assert "16" in messages[0]["figures"] and "10" not in messages[0]["figures"], text


def test_one_figure_of_qingdao_is_answered_alone(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    for text in ("how many people live in Qingdao", "青岛有多少人口", "сколько жителей в Циндао"):
        messages, _ = ask(ActionShowHubInfo(), intent="ask_hub_info", text=text)
        assert responses_sent(messages) == ["utter_hub_location"], text
        assert messages[0]["figures"] == "• Qingdao's population: 9.5 million", text


def test_how_many_projects_qingdao_announced(catalogue):
    catalogue.get(
        f"{CATALOGUE_URL}/hub",
        json=HUB_JSON_ANNOUNCED,
    )
    for text in ("and how many were announced?", "还公布了几个项目", "а сколько объявили?"):
        messages, _ = ask(ActionShowHubInfo(), intent="ask_hub_info", text=text)
        assert messages[0]["figures"] == "• Projects Qingdao announced: 20", text


def test_projects_announced_at_an_event_get_the_announced_figures(catalogue):
    """ "发布会上是不是还公布了一批项目" names the event and the projects: the projects' figures."""
    catalogue.get(
        f"{CATALOGUE_URL}/hub",
        json=HUB_JSON_ANNOUNCED,
    )
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="发布会上是不是还公布了一批项目",
        entities=[entity("topic", "events")],
    )
    assert responses_sent(messages) == ["utter_hub_investment"]
    assert messages[0]["figures"] == "• Projects Qingdao announced: 20"


def test_a_year_no_figure_or_event_covers_is_said_to_be_unpublished(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON_2021)
    for text in ("and for 2022?", "有没有2022年的数据", "а в 2022 сколько подписали?"):
        messages, _ = ask(
            ActionShowHubInfo(), intent="ask_hub_info", text=text, slots={"subject": "hub"}
        )
        assert responses_sent(messages) == ["utter_hub_year_not_published"], text
        assert (messages[0]["year"], messages[0]["last"]) == ("2022", "2021"), text


def test_figures_and_their_sources_asked_together_get_both(catalogue):
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON_2021)
    messages, _ = ask(
        ActionShowHubInfo(),
        intent="ask_hub_info",
        text="and in 2021? also where do these numbers come from",
        entities=[entity("topic", "source")],
        slots={"subject": "hub"},
    )
    assert responses_sent(messages) == ["utter_hub_investment", "utter_hub_sources"]


def test_qingdao_s_figures_read_as_a_project_question_get_the_city_s(catalogue):
    """какая площадь циндао и сколько там народу", no project talked about: the city's figures."""
    catalogue.get(PROJECTS, json=page_json([], total=0))  # no project named by the words
    catalogue.get(f"{CATALOGUE_URL}/hub", json=HUB_JSON)
    messages, _ = ask(
        ActionShowProject(),
        intent="project_details",
        text="какая площадь циндао и сколько там народу",
        entities=[entity("topic", "location")],
        slots={"language": "ru"},
    )
    assert responses_sent(messages) == ["utter_hub_location"]
    assert "population" in messages[0]["figures"]
