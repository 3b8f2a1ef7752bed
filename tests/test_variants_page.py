"""The SMOTE family page (AppTest): panels, shared settings, URL round trip, failures as messages."""

from __future__ import annotations

import json

from tests.stepping import FAMILY_CHART, FAMILY_KEY, Stepping

PAGE = "pages/variants.py"


def spec(at, i=0):
    return json.loads(at.get("plotly_chart")[i].proto.spec)


def panel_titles(at):
    layout = spec(at)["layout"]
    return [a["text"] for a in layout.get("annotations", []) if a.get("xref") == "paper"]


def texts(at):
    return " ".join(m.value for m in at.markdown)


def test_default_page_shows_every_panel_with_counts_and_scores(app):
    at = app(PAGE, timeout=120)
    assert not at.exception
    assert at.title[0].value == "SMOTE family"
    titles = panel_titles(at)
    assert len(titles) == 12
    assert titles[0].startswith("<b>Original data</b><br>0: 180, 1: 20")
    smote = next(t for t in titles if t.startswith("<b>SMOTE</b>"))
    assert "0: 180, 1: 180 (+160 syn.)" in smote and "recall" in smote
    rus = next(t for t in titles if t.startswith("<b>RandomUnderSampler</b>"))
    assert "0: 20, 1: 20 (-160 orig.)" in rus
    text = texts(at)
    assert "**BorderlineSMOTE\\-1**" in text or "**BorderlineSMOTE-1**" in text
    assert "Vote over m = 10 neighbours" in text
    assert "asked for 160 new points, made 161" in text  # ADASYN's rounding, explained
    captions = " ".join(c.value for c in at.caption)
    assert "Held\\-out" in captions or "Held-out" in captions
    names = {t["name"] for t in spec(at)["data"]}
    assert {"class 0", "class 1", "synthetic 1", "danger: a seed", "removed original"} <= names
    assert at.query_params["vpanels"].startswith("original,ros")


def test_choosing_samplers_and_parameters_rebuilds_the_grid_and_the_link(app):
    at = app(PAGE, timeout=120)
    at.multiselect(key="variants.panels").set_value(["smote", "borderline1"])
    at.slider(key="variants.m").set_value(6)
    at.run()
    assert not at.exception
    titles = panel_titles(at)
    assert [t.split("<br>")[0] for t in titles] == ["<b>SMOTE</b>", "<b>BorderlineSMOTE-1</b>"]
    assert "Vote over m = 6 neighbours" in texts(at)
    assert at.query_params["vpanels"] == "smote,borderline1"
    assert at.query_params["vm"] == "6"


def test_link_restores_the_settings_and_reports_bad_values(app):
    at = app(PAGE, query={"vpanels": "adasyn,rus", "vk": "99", "vclf": "tree"}, timeout=120)
    assert not at.exception
    assert at.multiselect(key="variants.panels").value == ["adasyn", "rus"]
    assert at.slider(key="variants.k").value == 5  # 99 is out of range: default, with a warning
    warnings = " ".join(w.value for w in at.warning)
    assert "vk=99" in warnings
    assert at.selectbox(key="variants.classifier").value == "tree"
    assert any("Decision tree" in c.value for c in at.caption)


def test_a_failing_sampler_shows_its_message_and_the_page_keeps_working(app):
    # A thin minority ring around a majority disc: no k-means cluster is mostly minority.
    query = {"shape": "ring", "n": "200", "minority": "0.1", "seed": "7", "vpanels": "smote,kmeanssmote,rus",
             "vstrategy": "minority"}
    at = app(PAGE, query=query, timeout=120)
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "no k\\-means cluster" in warnings or "no k-means cluster" in warnings
    assert "cannot be used to under\\-sample" in warnings or "cannot be used to under-sample" in warnings
    titles = panel_titles(at)
    assert len(titles) == 3 and "could not run" in titles[2]
    assert "+160 syn." in titles[0]  # SMOTE still works
    assert "no k-means cluster" in " ".join(titles) or "could not run" in titles[1]
    assert "cluster dropped" in {t["name"] for t in spec(at)["data"]}  # the failed panel still shows its clusters


def test_empty_selection_asks_for_a_sampler(app):
    at = app(PAGE, timeout=120)
    at.multiselect(key="variants.panels").set_value([])
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1  # only the step-through's figure: no gallery
    assert any("Pick at least one sampler" in i.value for i in at.info)


def test_step_through_borderline_starts_with_the_vote_then_the_four_phases(app):
    at = app(PAGE, timeout=120)
    assert at.radio(key="variants.walk").value == "borderline1"
    walk = Stepping(at, FAMILY_KEY, FAMILY_CHART)
    text = walk.text()
    assert "Step 0: sort the minority points" in text and "in danger" in text
    assert any(t["name"] == "danger: a seed" for t in spec(at, 1)["data"])  # step 0 draws the vote, the server's figure
    walk.next()  # the phases: frames of the browser's window (the server sends it)
    text = walk.text()
    assert "Phase 1 of 4" in text and "**danger** points only" in text
    # The vote stays on the figure, a light layer with its counts in the legend, under the highlights.
    danger = [t for t in walk.figure()["data"] if t["name"].startswith("danger: a seed (")]
    assert len(danger) == 1 and danger[0].get("showlegend", True) and danger[0]["opacity"] < 1
    assert "Zoomed onto the neighbourhood of the seed" in walk.step()["view"]
    assert "Step 0 marks each minority point" in "".join(t for p in walk.data["legend"] for _, t in p)
    walk.next().next().next()
    assert not at.exception
    text = walk.text()
    assert "Phase 4 of 4" in text and "x_new = x_i" in text
    assert any(t["name"].startswith("danger: a seed (") for t in walk.figure()["data"])
    assert at.query_params["vstep"] == "1"  # the server's last step; the browser's address bar says 4
    assert at.query_params["vwalk"] == "borderline1"


def test_step_through_adasyn_from_a_link(app):
    at = app(PAGE, query={"vwalk": "adasyn", "vstep": "1"}, timeout=120)
    assert not at.exception
    assert at.radio(key="variants.walk").value == "adasyn"
    walk = Stepping(at, FAMILY_KEY, FAMILY_CHART)
    text = walk.text()
    assert "ADASYN does not draw seeds at random" in text and "hardness r =" in text
    walk.reset()  # step 0: the server draws ADASYN's weights
    assert "Step 0: weigh the minority points" in walk.text() and walk.figure() is None
    names = {t["name"] for t in spec(at, 1)["data"]}
    assert "hardness r_i (ring size)" in names
    walk.next()  # the rings stay on every step
    names = {t["name"] for t in walk.figure()["data"]}
    assert "hardness r_i (ring size)" in names and "highlighted points" in names
    # a double click returns to the step's own view (not the whole data under the overview map)
    assert json.loads(at.get("plotly_chart")[1].proto.config).get("doubleClick") == "reset"
    assert walk.at_end() is False


def test_step_through_without_danger_points_says_why(app):
    # Far-apart blobs with no overlap: no minority point is in danger, Borderline makes nothing.
    query = {"shape": "blobs", "n": "200", "minority": "0.1", "noise": "0", "seed": "7"}
    at = app(PAGE, query=query, timeout=120)
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "made no new points" in warnings and "no point is in danger" in warnings


def test_settings_survive_leaving_the_page_and_coming_back(app):
    at = app(PAGE, timeout=120)
    at.multiselect(key="variants.panels").set_value(["smote", "adasyn"])
    at.slider(key="variants.k").set_value(3)
    at.selectbox(key="variants.strategy").set_value("minority")
    at.radio(key="variants.walk").set_value("adasyn")
    at.run()
    assert not at.exception
    at.switch_page("pages/home.py")
    at.run()
    assert not at.exception
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert at.multiselect(key="variants.panels").value == ["smote", "adasyn"]
    assert at.slider(key="variants.k").value == 3
    assert at.selectbox(key="variants.strategy").value == "minority"
    assert at.radio(key="variants.walk").value == "adasyn"
    assert [t.split("<br>")[0] for t in panel_titles(at)] == ["<b>SMOTE</b>", "<b>ADASYN</b>"]
    assert at.query_params["vk"] == "3" and at.query_params["vwalk"] == "adasyn"


def test_balanced_data_every_panel_explains_itself(app):
    at = app(PAGE, query={"minority": "0.5"}, timeout=120)
    assert not at.exception
    titles = panel_titles(at)
    assert len(titles) == 12 and not any("could not run" in t for t in titles)
    infos = " ".join(i.value for i in at.info).replace("\\", "")  # markdown escapes removed
    for title in ("SMOTE", "BorderlineSMOTE-1", "SVMSMOTE", "KMeansSMOTE", "ADASYN"):
        assert f"{title}: already balanced: nothing to make" in infos, title
    text = texts(at).replace("\\", "")
    for title in ("Original data", "SVMSMOTE", "KMeansSMOTE", "ADASYN", "RandomUnderSampler"):
        assert f"**{title}**: After: 0: 100, 1: 100" in text, title
    assert not [w.value for w in at.warning if "could not run" in w.value]
    walk = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "BorderlineSMOTE-1: already balanced: nothing to make" in walk  # the step-through has nothing to step through


def test_tiny_three_class_upload_gives_messages_not_a_crash():
    from streamlit.testing.v1 import AppTest

    from smote_viz.data import Dataset
    from smote_viz.ui import DATASET_KEY, SETTINGS_KEY
    from tests.conftest import APP

    at = AppTest.from_file(str(APP), default_timeout=120)
    tiny = Dataset(X=[[0, 0], [1, 0], [5, 5], [6, 5], [0, 9], [1, 9]], y=[0, 0, 1, 1, 2, 2],
                   feature_names=["a", "b"], name="tiny.csv")
    at.session_state[DATASET_KEY] = tiny
    at.session_state[SETTINGS_KEY] = None
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "fewer than the 3 classes" in captions  # the impossible split, as a message
    assert len(panel_titles(at)) == 12


def test_four_classes_lower_k_per_panel_and_warn_about_few_test_rows(app):
    at = app(PAGE, query={"classes": "4"}, timeout=120)
    assert not at.exception
    titles = panel_titles(at)
    unavailable = [t.split("<br>")[0] for t in titles if "held-out scores unavailable" in t]
    assert len(unavailable) <= 1, unavailable  # at most ADASYN, whose hardness can be all zero on the split
    smote = next(t for t in titles if t.startswith("<b>SMOTE</b>"))
    assert "recall" in smote and "· k = " in smote
    assert "k lowered from 5 to" in texts(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "minority row" in warnings and "in the test part: recall can only be 0" in warnings


def test_settings_sit_in_a_collapsed_box_whose_label_sums_them_up(app):
    at = app(PAGE, timeout=120)
    box = next(e for e in at.expander if e.label.startswith("Settings:"))
    assert "k = 5, m = 10, strategy auto, seed 0" in box.label and "12 samplers shown" in box.label
    assert not box.proto.expanded
    at.slider(key="variants.k").set_value(3).run()
    at.multiselect(key="variants.panels").set_value(["smote"]).run()
    box = next(e for e in at.expander if e.label.startswith("Settings:"))
    assert "k = 3," in box.label and "1 sampler shown" in box.label


def test_step_through_buttons_take_the_arrow_home_and_end_keys(app):
    """The server's step buttons (predict first; elsewhere the browser's stepping component takes the keys)."""
    at = app(PAGE, query={"predict": "1"}, timeout=120)
    shortcuts = {name: at.button(key=f"variants.{name}").proto.shortcut for name in ("prev", "next", "reset", "end")}
    assert all(shortcuts.values()), shortcuts
    assert len(set(shortcuts.values())) == 4
