"""How the tests are shared between parallel workers: the browser explorer's checks of one visit stay together."""

from __future__ import annotations

from tests.conftest import scope_of

EXPLORER = "tests/e2e/test_explorer_browser.py"


def test_the_checks_of_one_explorer_visit_share_a_scope_and_other_visits_do_not():
    errors = scope_of(f"{EXPLORER}::test_no_exception_and_no_browser_error[stepper-present-1280x720]")
    covered = scope_of(f"{EXPLORER}::test_nothing_floats_over_a_figure_its_labels_or_a_link[stepper-present-1280x720]")
    phone = scope_of(f"{EXPLORER}::test_no_exception_and_no_browser_error[stepper-present-phone]")
    assert errors == covered == f"{EXPLORER}[stepper-present-1280x720]"
    assert phone != errors


def test_every_other_test_is_its_own_scope():
    ids = ["tests/test_smote.py::test_golden", "tests/test_smote.py::test_other[1]",
           "tests/e2e/test_labels_browser.py::test_stepper_labels_sit_by_their_own_markers[ring]"]
    assert [scope_of(i) for i in ids] == ids
