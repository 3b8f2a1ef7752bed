"""XGBoost, when it is installed: its version, and a scikit-learn classifier around it that takes any labels.

XGBoost is optional (``requirements.txt`` installs it where a prebuilt wheel exists; see the README). Its
``XGBClassifier`` wants the classes numbered 0, 1, ...; ``XGBoostClassifier`` numbers them with scikit-learn's
``LabelEncoder`` and gives predictions back in the original labels, so it fits the Compare page's pipelines like
any scikit-learn model. ``class_weight='balanced'`` becomes scikit-learn's balanced sample weights.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.preprocessing import LabelEncoder
from sklearn.utils.class_weight import compute_sample_weight


@cache
def xgboost_version() -> str | None:
    """The installed XGBoost's version, or None when it does not import (not installed, or its native library
    cannot load)."""
    try:
        import xgboost
    except Exception:  # noqa: BLE001 - ImportError, or a native library that fails to load (OSError, XGBoostError)
        return None
    return str(xgboost.__version__)


class XGBoostClassifier(ClassifierMixin, BaseEstimator):
    """``xgboost.XGBClassifier`` with its default settings, for labels of any kind, on ``n_jobs`` threads."""

    def __init__(self, random_state: int = 0, class_weight: str | None = None, n_jobs: int = 1):
        self.random_state = random_state
        self.class_weight = class_weight
        self.n_jobs = n_jobs

    def fit(self, X, y, sample_weight=None):
        from xgboost import XGBClassifier

        self.encoder_ = LabelEncoder().fit(y)
        self.classes_ = self.encoder_.classes_
        if self.class_weight is not None:
            sample_weight = compute_sample_weight(self.class_weight, y)
        self.model_ = XGBClassifier(n_jobs=self.n_jobs, random_state=self.random_state)
        self.model_.fit(np.asarray(X), self.encoder_.transform(y), sample_weight=sample_weight)
        return self

    def predict(self, X):
        return self.classes_[np.asarray(self.model_.predict(np.asarray(X)), dtype=int)]

    def predict_proba(self, X):
        return self.model_.predict_proba(np.asarray(X))
