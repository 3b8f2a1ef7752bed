"""The guided lesson's chapters: the data each one draws, its question, the answer and why, and the links to the
pages that explore it further. Pure data and small functions (no Streamlit); ``smote_viz.lesson.views`` computes
each chapter's figures and numbers, and the Lesson page renders both.

Each chapter first asks the learner to predict (one multiple-choice question), then reveals the answer with the
figure that shows it. A chapter's figures always use the chapter's own data (``Chapter.data``), never the data
the learner chose elsewhere, so a teacher's link to chapter 5 shows every student the same picture.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from smote_viz.compare.evaluate import CompareSettings
from smote_viz.family import GalleryParams
from smote_viz.family.steps import WalkSettings
from smote_viz.state import GeneratorSettings, link_query, param, to_query
from smote_viz.stepper.settings import StepperSettings


@dataclass(frozen=True)
class Link:
    """A link to a page in the state that explores a chapter further (``query`` carries ``link=1``)."""

    page: str  # the page script, as app.py registers it
    label: str
    query: tuple[tuple[str, str], ...]

    @property
    def params(self) -> dict[str, str]:
        return dict(self.query)


def link(page: str, label: str, *settings) -> Link:
    return Link(page, label, tuple(link_query(*settings).items()))


@dataclass(frozen=True)
class Chapter:
    number: int
    key: str
    title: str
    setup: str  # markdown above the question: what the first figure shows
    question: str
    options: tuple[str, ...]
    answer: int  # index into options
    notes: tuple[str, ...]  # per option: why it is right or wrong (one sentence)
    explanation: str  # the idea, shown with the answer
    data: GeneratorSettings  # the data the chapter's figures use
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Feedback:
    correct: bool
    headline: str
    note: str  # about the option chosen
    explanation: str


def check(chapter: Chapter, choice: int) -> Feedback:
    """The learner chose option ``choice``: right or not, why, and the idea behind the answer."""
    if not 0 <= choice < len(chapter.options):
        raise ValueError(f"Chapter {chapter.number} has options 0 to {len(chapter.options) - 1}, not {choice}.")
    correct = choice == chapter.answer
    headline = "Right." if correct else f"Not quite. The answer is: {chapter.options[chapter.answer]}"
    return Feedback(correct, headline, chapter.notes[choice], chapter.explanation)


# --- the data of each chapter ---------------------------------------------------------------------------------
SMALL = GeneratorSettings()  # 200 points, 180 against 20: every point can be seen
# Scores on the small data's 5 held-out minority rows move in steps of 20 %: chapters that fit models use the
# same shape with 2 000 points (50 held-out minority rows).
LARGE = GeneratorSettings(n_samples=2000)
MOONS = GeneratorSettings(shape="moons")
STRETCHED = GeneratorSettings(stretch=100.0)
OVERLAPPING = GeneratorSettings(n_samples=2000, noise=0.7)
RING = GeneratorSettings.for_shape("ring")

STEPPER = "pages/stepper.py"
COMPARE = "pages/compare.py"
DATA = "pages/data.py"
FAMILY = "pages/variants.py"

CHAPTERS: tuple[Chapter, ...] = (
    Chapter(
        number=1,
        key="paradox",
        title="The accuracy paradox",
        setup=(
            "This data has a common class 0 and a rare class 1, the class we care about (a fraud, a churned "
            "customer, a disease). The bars count the rows of each."
        ),
        question="A model is 90 % accurate on this data. Is it a good model?",
        options=(
            "Yes: it is right 9 times out of 10.",
            "Not necessarily: a model that never predicts class 1 is also 90 % accurate.",
            "No: 90 % is too low to be useful.",
        ),
        answer=1,
        notes=(
            "90 % is exactly what you get by always answering class 0, which finds no rare case at all.",
            "With 90 % of the rows in class 0, always answering class 0 is right 90 % of the time.",
            "90 % can be excellent or useless: it depends on what the model does with the rare class.",
        ),
        explanation=(
            "When one class is rare, accuracy mostly counts the common class. **Recall**, the share of the rare "
            "class that the model finds, shows what accuracy hides."
        ),
        data=LARGE,
        links=(
            link(COMPARE, "Compare classifiers on this data", LARGE, CompareSettings()),
        ),
    ),
    Chapter(
        number=2,
        key="five_steps",
        title="One synthetic point in five steps",
        setup=(
            "SMOTE has picked a minority point at random, the **seed** x_i (thick outline), and found its "
            "k = 5 nearest neighbours within the minority class (numbered 1 to 5, nearest first)."
        ),
        question="Where can the new synthetic point land?",
        options=(
            "Anywhere inside the dashed circle.",
            "On the straight segment between x_i and one of its 5 neighbours.",
            "Exactly halfway between x_i and its nearest neighbour.",
        ),
        answer=1,
        notes=(
            "The circle only shows how far the 5th neighbour is; SMOTE never fills the circle.",
            "SMOTE chooses one of the k neighbours at random and places the point on the segment between them.",
            "Neither the neighbour nor the position is fixed: both are drawn at random.",
        ),
        explanation=(
            "The five steps: **sample** a seed x_i, **find** its k nearest minority neighbours, **choose** one of "
            "them at random (x_zi), **draw** the segment between them, **place** the new point at a random gap λ "
            "along it: x_new = x_i + λ (x_zi − x_i)."
        ),
        data=SMALL,
        links=(link(STEPPER, "Step through every synthetic point", SMALL, StepperSettings(step=1)),),
    ),
    Chapter(
        number=3,
        key="minority_only",
        title="Why minority-only neighbours",
        setup=(
            "SMOTE searches a seed's k nearest neighbours among the **minority class only**, even when points of "
            "the majority are closer. The figure shows one seed and its 5 minority neighbours."
        ),
        question="What would happen if SMOTE took the 5 nearest neighbours from every class instead?",
        options=(
            "Nothing much: the new points would land in the same places.",
            "Some new \"minority\" points would be made towards majority points, inside majority territory.",
            "SMOTE would make fewer new points.",
        ),
        answer=1,
        notes=(
            "Near the border, a seed's nearest points include majority points, and segments towards them leave the "
            "minority region.",
            "A segment towards a majority point ends in majority territory, and the new point, labelled minority, "
            "can land there.",
            "The number of new points is set by the balance asked for, not by where the neighbours come from.",
        ),
        explanation=(
            "Synthetic points carry the minority label. Made towards a majority point, they would put minority "
            "labels inside the majority and teach a classifier the wrong border."
        ),
        data=MOONS,
        links=(
            link(STEPPER, "Open the stepper on this data (the comparison is below the stepper)", MOONS,
                 StepperSettings()),
        ),
    ),
    Chapter(
        number=4,
        key="gap",
        title="What λ does",
        setup=(
            "A seed x_i and its chosen neighbour x_zi. The new point is x_new = x_i + λ (x_zi − x_i), where the "
            "gap λ is drawn uniformly from [0, 1)."
        ),
        question="If λ = 0.1, where is the new point?",
        options=(
            "Close to the seed x_i, a tenth of the way along the segment.",
            "Close to the chosen neighbour x_zi.",
            "Outside the segment, beyond x_zi.",
        ),
        answer=0,
        notes=(
            "λ is the fraction of the way from x_i to x_zi: 0 is the seed itself, values near 1 are near x_zi.",
            "That would be λ near 1: λ measures the way from the seed, not from the neighbour.",
            "λ stays below 1, so the new point never leaves the segment.",
        ),
        explanation=(
            "λ is one random number per synthetic point, the same for both features, so the point stays on the "
            "segment (the paper's pseudocode draws one per feature, which would fill a box). Uniform λ spreads the "
            "new points evenly along their segments."
        ),
        data=SMALL,
        links=(link(STEPPER, "See λ for every synthetic point", SMALL, StepperSettings(step=4)),),
    ),
    Chapter(
        number=5,
        key="scaling",
        title="Why scale first",
        setup=(
            "The same kind of data, but x2 is multiplied by 100: it now runs in the hundreds while x1 runs in "
            "units, like an income next to an age."
        ),
        question="SMOTE measures plain Euclidean distance. Which points become a seed's 5 nearest neighbours?",
        options=(
            "The points nearest in the picture, as before.",
            "The points with the nearest x2, however far away they are in x1.",
            "The points with the nearest x1.",
        ),
        answer=1,
        notes=(
            "The picture squeezes x2 to fit; the distance does not: a step of 1 in x2 now counts 100 times more.",
            "Differences in x2 are about 100 times larger, so they decide the distance almost alone.",
            "x1's differences are tiny next to x2's, so x1 barely counts.",
        ),
        explanation=(
            "Standardise the features (mean 0, standard deviation 1) before SMOTE and any distance-based model, "
            "inside the pipeline so the scaler is fitted on the training part only."
        ),
        data=STRETCHED,
        links=(link(DATA, "Open this data on the Data page", STRETCHED),),
    ),
    Chapter(
        number=6,
        key="leak",
        title="Why split before resampling",
        setup=(
            "Two models on data whose classes overlap, scored honestly: split first, SMOTE on the training part "
            "only, test part untouched. The bars show the recall each reaches on the test part."
        ),
        question=(
            "Suppose SMOTE is run on the whole data first, and the split comes afterwards. What happens to the "
            "test recall?"
        ),
        options=(
            "It rises: the test part now holds near-copies of training points.",
            "It stays about the same.",
            "It falls: the test part is harder.",
        ),
        answer=0,
        notes=(
            "Synthetic test points lie on segments between training points, so the model has practically seen "
            "them: the score measures memory, not generalisation.",
            "The test part is no longer independent of the training part, and the score rises with the leak.",
            "The synthetic test points are easier, not harder: they sit between points the model was trained on.",
        ),
        explanation=(
            "Split first and resample the training part only (an imbalanced-learn Pipeline does this in every "
            "fold). A leaky score looks better and means nothing about new data."
        ),
        data=OVERLAPPING,
        links=(
            link(COMPARE, "Compare honest and leaky scores", OVERLAPPING,
                 CompareSettings(classifiers="knn,tree", leaky=True)),
        ),
    ),
    Chapter(
        number=7,
        key="hurts",
        title="Where SMOTE hurts: overlap, the ring, calibration",
        setup=(
            "A thin ring of a few minority points around a disc of majority points. SMOTE joins each ring point "
            "to its 5 nearest ring neighbours."
        ),
        question="Where do SMOTE's new points land?",
        options=(
            "On the ring, between neighbouring ring points.",
            "Many inside the majority disc: segments between far-apart ring points cut across it.",
            "Outside the ring.",
        ),
        answer=1,
        notes=(
            "With so few points, a point's 5 nearest neighbours include points far round the ring.",
            "A straight segment between two far-apart points of a ring is a chord through the middle.",
            "A segment between two ring points never leaves the ring's inside.",
        ),
        explanation=(
            "SMOTE assumes the space between two minority points is minority territory. That fails when the "
            "minority surrounds the majority (the ring), when the classes overlap, and for probabilities: a model "
            "trained on balanced data over-estimates how likely the rare class is."
        ),
        data=RING,
        links=(
            link(STEPPER, "Step through SMOTE on the ring", RING, StepperSettings()),
            link(COMPARE, "Compare classifiers on the overlapping data", OVERLAPPING,
                 CompareSettings(classifiers="logreg,knn,tree,dummy")),
        ),
    ),
    Chapter(
        number=8,
        key="family",
        title="Borderline-SMOTE and ADASYN",
        setup=(
            "SMOTE uses every minority point as a seed equally often. Borderline-SMOTE first asks each minority "
            "point's m = 10 nearest neighbours (all classes) and uses only the points **in danger**: at least half "
            "of their neighbours are majority, but not all."
        ),
        question="Compared with SMOTE, where does Borderline-SMOTE put its new points?",
        options=(
            "Spread over the whole minority class, like SMOTE.",
            "Concentrated near the border with the majority.",
            "Far from the majority, in the safest region.",
        ),
        answer=1,
        notes=(
            "Only danger points are seeds, and they sit at the border.",
            "Its seeds are the minority points with many majority neighbours: the border.",
            "Safe points, surrounded by their own class, are never seeds.",
        ),
        explanation=(
            "Borderline-SMOTE strengthens the border, where a classifier makes its mistakes. ADASYN does it by "
            "degrees: each minority point makes new points in proportion to its share of majority neighbours, so "
            "hard points make many and safe points none."
        ),
        data=SMALL,
        links=(
            link(FAMILY, "See the whole SMOTE family on this data", SMALL,
                 GalleryParams(panels="smote,borderline1,borderline2,adasyn"), WalkSettings("borderline1")),
        ),
    ),
)
KEYS = tuple(c.key for c in CHAPTERS)


@dataclass(frozen=True)
class LessonSettings:
    """Where the learner is in the lesson and the predictions made so far; the URL keeps both, so a teacher can
    send a link to one chapter, and a reload (or a link the learner shares) keeps the learner's progress.
    ``answers`` is ``answers_text`` of the predictions (read back with ``read_answers``)."""

    chapter: int = field(default=1, metadata=param("chapter", lo=1, hi=len(CHAPTERS)))
    answers: str = field(default="", metadata=param("answers"))

    def query(self) -> dict[str, str]:
        """The link's parameters: the chapter, and the answers once there are any."""
        return {key: value for key, value in to_query(self).items() if value or key != "answers"}


FIRST_OPTION, NOT_ANSWERED = "a", "-"


def answers_text(answers: dict[int, int]) -> str:
    """The predictions for a link, one character per chapter up to the last one answered: ``a`` for its first
    option, ``b`` for the second and so on, ``-`` for a chapter not answered (``"b-a"``: chapter 1 answered with
    its second option, chapter 3 with its first)."""
    if not answers:
        return ""
    return "".join(chr(ord(FIRST_OPTION) + answers[n]) if n in answers else NOT_ANSWERED
                   for n in range(1, max(answers) + 1))


def read_answers(text: str) -> tuple[dict[int, int], bool]:
    """The predictions a link's ``answers_text`` holds, and whether it held anything else: a character that is no
    option of its chapter, or beyond the last chapter, is ignored (that chapter stays unanswered)."""
    answers: dict[int, int] = {}
    ignored = len(text) > len(CHAPTERS)
    for number, character in enumerate(text[:len(CHAPTERS)], start=1):
        if character == NOT_ANSWERED:
            continue
        index = ord(character) - ord(FIRST_OPTION)
        if 0 <= index < len(chapter(number).options):
            answers[number] = index
        else:
            ignored = True
    return answers, ignored


def chapter(number: int) -> Chapter:
    """Chapter ``number`` (1-based), clamped to the lesson."""
    return CHAPTERS[min(max(int(number), 1), len(CHAPTERS)) - 1]


def progress_text(number: int) -> str:
    return f"{number} of {len(CHAPTERS)}"


def predictions_text(right: int, answered: int) -> str:
    """The score so far: "2 of 3 predictions right", or, before the first prediction, "no predictions yet"
    (not "0 of 0", which reads as if progress had been lost)."""
    if answered == 0:
        return "no predictions yet"
    return f"{right} of {answered} predictions right"
