"""What each panel of the SMOTE family is: its title, what it changes in SMOTE, when it helps or hurts, its paper;
and the family page's words (short names, the settings line, the captions), without Streamlit."""

from __future__ import annotations

from dataclasses import dataclass

from smote_viz.family.evaluation import TEST_SIZE
from smote_viz.family.params import CLASSIFIERS
from smote_viz.style import escape_markdown, label_text, plural

# What borderline-2 changes, as imbalanced-learn 0.14.2 does it: BorderlineSMOTE(kind="borderline-2") fits its
# k-neighbour search on all of X and calls _make_samples with step_size 1 (u uniform in [0, 1)); its
# _generate_samples then multiplies the difference toward an other-class neighbour by s, uniform in [0, 0.5), from
# a second generator started from the same seed. The About box, the step-through and the panel say this.
BORDERLINE2_GAP = (
    "Each seed's k nearest neighbours are searched among all points, any class, and one is picked at random "
    "(chance 1/k each), so on average the share of new points that step toward another class is the share of "
    "other-class points among the neighbours of the seeds drawn. The gap is λ = u, u uniform in [0, 1), as in "
    "SMOTE; toward an "
    "other-class neighbour it is λ = u × s, with a second draw s uniform in [0, 0.5), so λ < 0.5 and the new "
    "point stays in the seed's half of the segment."
)


@dataclass(frozen=True)
class Description:
    title: str
    changes: str  # what it changes in SMOTE
    helps: str
    hurts: str
    source: str  # the paper


DESCRIPTIONS: dict[str, Description] = {
    "original": Description(
        "Original data",
        "Nothing: the data as it is, for reference.",
        "Shows what every sampler starts from.",
        "A classifier trained on it tends to ignore the rare class.",
        "",
    ),
    "ros": Description(
        "RandomOverSampler",
        "No new positions at all: it copies randomly drawn minority rows until the classes balance.",
        "Simple, fast, keeps every value real; fine for models that do not care about duplicates.",
        "Copies add no new information; trees and kNN over-fit to the repeated points.",
        "Random over-sampling (bootstrap), e.g. Batista, Prati & Monard, SIGKDD Explorations 6(1), 2004.",
    ),
    "ros_shrinkage": Description(
        "RandomOverSampler (shrinkage)",
        "A smoothed bootstrap: each copy is moved by Gaussian noise scaled by the class's spread "
        "(shrinkage x a rule-of-thumb bandwidth), so copies become a cloud around each original.",
        "No exact duplicates; a cheap generative model of the minority class.",
        "Noise ignores the other class: with a large shrinkage the cloud spills into majority regions.",
        "ROSE: Menardi & Torelli, \"Training and assessing classification rules with imbalanced data\", "
        "Data Mining and Knowledge Discovery 28, 2014.",
    ),
    "smote": Description(
        "SMOTE",
        "The baseline: a random minority seed, one of its k nearest minority neighbours, a new point at a "
        "random gap on the segment between them.",
        "Fills the space between minority points instead of stacking copies.",
        "Ignores the majority class: segments between distant minority points cut through majority regions, "
        "and noisy minority points are used as seeds like any other.",
        "Chawla, Bowyer, Hall & Kegelmeyer, JAIR 16, 2002 (arXiv:1106.1813).",
    ),
    "borderline1": Description(
        "BorderlineSMOTE-1",
        "Looks at each minority point's m nearest neighbours over ALL data: if all are other-class it is "
        "noise, if at least half are it is in danger, else safe. Only danger points are used as seeds; "
        "neighbours are minority points.",
        "Strengthens the class border, where errors happen; ignores isolated noise.",
        "If no point is in danger nothing is generated; the border can become crowded and over-fit.",
        "Han, Wang & Mao, \"Borderline-SMOTE\", ICIC 2005, LNCS 3644.",
    ),
    "borderline2": Description(
        "BorderlineSMOTE-2",
        "Like borderline-1 (only danger points seed), except for the neighbours and the gap. " + BORDERLINE2_GAP,
        "Pushes the minority region a little into the border zone.",
        "New minority points inside majority territory can add label noise.",
        "Han, Wang & Mao, \"Borderline-SMOTE\", ICIC 2005, LNCS 3644.",
    ),
    "svmsmote": Description(
        "SVMSMOTE",
        "Fits an SVM and uses only the minority support vectors as seeds (minus noise ones). Support vectors "
        "in danger interpolate toward minority neighbours; safe ones extrapolate away from them.",
        "Concentrates on the decision boundary an SVM actually uses; can widen the minority region.",
        "Costs an SVM fit; with few or only noisy support vectors it fails or makes fewer points.",
        "Nguyen, Cooper & Kamei, \"Borderline over-sampling for imbalanced data classification\", "
        "Int. J. Knowledge Engineering and Soft Data Paradigms 3(1), 2011.",
    ),
    "kmeanssmote": Description(
        "KMeansSMOTE",
        "Clusters ALL data with k-means, keeps clusters whose minority share passes a threshold, and runs "
        "SMOTE inside each kept cluster, more in sparse clusters (weight = sparsity).",
        "Avoids segments across majority regions; fills sparse minority areas.",
        "Fragile on small data: often no cluster passes the threshold or holds k + 1 minority points.",
        "Last, Douzas & Bacao, \"Oversampling for imbalanced learning based on k-means and SMOTE\", "
        "arXiv:1711.00837, 2017.",
    ),
    "adasyn": Description(
        "ADASYN",
        "Gives each minority point a hardness r_i, the share of other-class points among its k nearest "
        "neighbours (ALL data), and makes g_i = round(r_i / sum r x n) new points from it.",
        "Adapts to difficulty: more points where the minority class is hard to learn.",
        "Outliers deep in the majority are the hardest points, so noise gets the most copies; the total can "
        "differ from the request by rounding.",
        "He, Bai, Garcia & Li, \"ADASYN\", IEEE IJCNN 2008.",
    ),
    "smotetomek": Description(
        "SMOTE + Tomek links",
        "SMOTE, then removes both points of every Tomek link (two points of different classes that are each "
        "other's nearest neighbour), synthetic points included.",
        "Cleans the border after over-sampling.",
        "Removes few points; the final counts are no longer exactly balanced.",
        "Batista, Prati & Monard, SIGKDD Explorations 6(1), 2004.",
    ),
    "smoteenn": Description(
        "SMOTE + ENN",
        "SMOTE, then Edited Nearest Neighbours removes every point whose 3 nearest neighbours mostly "
        "disagree with its label, synthetic points included.",
        "Cleans more aggressively than Tomek links; smooths the border.",
        "Can remove many majority points near the border; the final counts are unbalanced.",
        "Batista, Prati & Monard, SIGKDD Explorations 6(1), 2004.",
    ),
    "rus": Description(
        "RandomUnderSampler",
        "The opposite: no new points; drops random majority rows until the classes balance.",
        "Fast, no invented data.",
        "Throws information away, badly so when the minority is small.",
        "Random under-sampling, e.g. Batista, Prati & Monard, SIGKDD Explorations 6(1), 2004.",
    ),
}


SHORT_NAMES = {  # names for tight spots (presenter mode's buttons, the step-through's variant choice)
    "original": "Original", "ros": "ROS", "ros_shrinkage": "ROS shrunk", "borderline1": "Borderline-1",
    "borderline2": "Borderline-2", "kmeanssmote": "KMeans", "smotetomek": "SMOTE+Tomek", "smoteenn": "SMOTE+ENN",
    "rus": "RUS",
}


def short_name(key: str) -> str:
    return SHORT_NAMES.get(key, DESCRIPTIONS[key].title)


STRATEGY_HELP = (
    "auto / not majority: grow every class except the largest to its size; minority: grow only the smallest; "
    "all: every class; a number r (two classes only): grow the minority to r x the majority."
)


def settings_summary(k, m, strategy, seed, classifier: str, n_panels: int) -> str:
    """One line naming the current settings, shown above the (collapsed) settings box."""
    return (
        f"Settings: k = {k}, m = {m}, strategy "
        f"{escape_markdown(strategy)}, seed {seed}, "
        f"{escape_markdown(CLASSIFIERS.get(classifier, classifier))}; "
        f"{plural(n_panels, 'sampler')} shown"
    )


def heavy_work_text(n_panels: int, n_samples: int, classifier: str, duration: str) -> str:
    """Why the grid waits for a click: the work above the budget, and how long it takes."""
    return (
        f"Running {plural(n_panels, 'sampler')} on these {n_samples} rows and scoring each "
        f"with {escape_markdown(CLASSIFIERS[classifier])} takes {duration} of computing, "
        "so it waits for you: press the button to start it, or choose fewer samplers or a faster classifier in the "
        "settings first."
    )


def gallery_caption(n_samples: int, n_features: int, view_names, classifier: str, minority) -> str:
    """The line above the grid: what the pictures and the held-out scores are made of."""
    view_note = ""
    if n_features > 2:
        x_name, y_name = view_names
        view_note = f" Only the two plotted features ({escape_markdown(x_name)}, {escape_markdown(y_name)}) are used."
    return (
        f"Every sampler runs on all {n_samples} rows for the picture. The scores under each title are held out, "
        f"as on the Compare page: the data is split first ({1 - TEST_SIZE:.0%} train / {TEST_SIZE:.0%} test, "
        f"stratified), only the training part is resampled (after standardising, for the models that need it), "
        f"and {escape_markdown(CLASSIFIERS[classifier])} is scored on the untouched test part; recall and "
        f"precision are for class {escape_markdown(label_text(minority))}."
        + view_note
    )


MARKS_CAPTION = (  # under the grid: what each marker means
    "Circles, triangles, squares, diamonds: original classes. Stars: synthetic points (square stars: "
    "SVMSMOTE's extrapolated points). Open grey x: removed originals; open grey stars: removed synthetic "
    "points; ×n: n copies stacked on one spot, the original and n - 1 duplicates (RandomOverSampler; only the "
    "most-copied rows are labelled where labels would overlap). Black diamonds: danger points; dark grey "
    "crossed squares: noise; grey hexagons: safe. ADASYN's ring size grows "
    "with hardness and its labels count the points each seed made. KMeansSMOTE: solid hulls are kept "
    "clusters, dotted ones dropped."
)
PRESENT_LINE = "Stars: new points. Scores: held out."  # presenter mode's one line beside the group buttons


def about_text(description: Description) -> str:
    """The About box of one panel: what it changes, when it helps, when it hurts, its paper."""
    return (
        f"**What it changes.** {description.changes}  \n"
        f"**When it helps.** {description.helps}  \n"
        f"**When it hurts.** {description.hurts}"
        + (f"  \n**Source.** {description.source}" if description.source else "")
    )


def vote_text(m: int) -> str:
    """The step-through's step 0 before the reveal (predict-first mode): what the vote is."""
    return ("**Step 0: the vote.** Borderline-SMOTE first sorts the minority points by their "
            f"m = {m} nearest neighbours among all points.")


WALK_CAPTION = (  # beside the step-through's figure (not in presenter mode)
    "Step 0 marks each minority point: black diamonds in danger, dark grey crossed squares noise, grey "
    "hexagons safe "
    "(Borderline); ring size grows with hardness and labels count the points each makes (ADASYN). Then, "
    "as in the SMOTE stepper: the seed x_i, its neighbours numbered 1..k (dashed circle through the "
    "k-th), the chosen neighbour x_zi, and the new point x_new (a star). The sampler's own random draws "
    "are replayed and checked against its real output; k, m, the strategy and the seed are the settings "
    "above. The light marks of step 0 stay on every step, under the highlights. Keys: ← → Home End."
)
