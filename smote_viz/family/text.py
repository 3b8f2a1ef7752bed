"""What each panel of the SMOTE family is: its title, what it changes in SMOTE, when it helps or hurts, its paper."""

from __future__ import annotations

from dataclasses import dataclass

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
