"""The SMOTE family's choices: the catalogue of panels, the settings shared by all panels, their ranges."""

from __future__ import annotations

from dataclasses import dataclass, field

from smote_viz.compare import evaluate as compare
from smote_viz.state import param

VARIANT_KEYS = (
    "original",
    "ros",
    "ros_shrinkage",
    "smote",
    "borderline1",
    "borderline2",
    "svmsmote",
    "kmeanssmote",
    "adasyn",
    "smotetomek",
    "smoteenn",
    "rus",
)

STRATEGIES = ("auto", "minority", "not majority", "all", "0.25", "0.5", "0.75")
CLUSTER_THRESHOLDS = ("auto", "0.05", "0.1", "0.2", "0.3", "0.5")
# The held-out scores use the Compare page's classifiers (smote_viz.compare.evaluate).
CLASSIFIERS = compare.CLASSIFIERS

K_RANGE = (1, 15)
M_RANGE = (2, 30)
CLUSTER_RANGE = (2, 20)
SHRINKAGE_RANGE = (0.0, 5.0)
SEED_RANGE = (0, 2**31 - 1)


@dataclass(frozen=True)
class GalleryParams:
    """Choices shared by all panels (where they apply); every field round-trips through the URL."""

    k: int = field(default=5, metadata=param("vk", lo=K_RANGE[0], hi=K_RANGE[1]))  # SMOTE-style neighbours
    m: int = field(default=10, metadata=param("vm", lo=M_RANGE[0], hi=M_RANGE[1]))  # Borderline/SVMSMOTE vote
    strategy: str = field(default="auto", metadata=param("vstrategy", choices=STRATEGIES))
    seed: int = field(default=0, metadata=param("vseed", lo=SEED_RANGE[0], hi=SEED_RANGE[1]))
    classifier: str = field(default="logreg", metadata=param("vclf", choices=tuple(CLASSIFIERS)))
    shrinkage: float = field(default=1.0, metadata=param("vshrink", lo=SHRINKAGE_RANGE[0], hi=SHRINKAGE_RANGE[1]))
    n_clusters: int = field(default=8, metadata=param("vclusters", lo=CLUSTER_RANGE[0], hi=CLUSTER_RANGE[1]))
    cluster_threshold: str = field(default="auto", metadata=param("vthreshold", choices=CLUSTER_THRESHOLDS))
    panels: str = field(default=",".join(VARIANT_KEYS), metadata=param("vpanels"))

    def panel_keys(self) -> tuple[str, ...]:
        """The chosen panels in catalogue order; unknown names are ignored."""
        chosen = {p.strip() for p in self.panels.split(",")}
        return tuple(k for k in VARIANT_KEYS if k in chosen)

    def strategy_value(self) -> str | float:
        try:
            return float(self.strategy)
        except ValueError:
            return self.strategy

    def threshold_value(self) -> str | float:
        try:
            return float(self.cluster_threshold)
        except ValueError:
            return self.cluster_threshold
