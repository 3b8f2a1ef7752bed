"""A bank-churn-shaped sample: the columns of the well-known bank customer churn table, with made-up values.

The seed article's data is Kaggle's ``Churn_Modelling.csv`` (10 000 customers, 20.37 % exited). It cannot be
shipped, so learners without it get this stand-in: the same header, plausible values (credit scores 350-850,
ages 18-92, about 36 % zero balances, 1-4 products, about 20 % exited) and an exit probability that depends on
age, activity, number of products, balance, country and gender the way it does in the real table, so that a
classifier has something to learn. The same ``n`` and ``seed`` always give the same rows.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

HEADER = (
    "RowNumber", "CustomerId", "Surname", "CreditScore", "Geography", "Gender", "Age", "Tenure", "Balance",
    "NumOfProducts", "HasCrCard", "IsActiveMember", "EstimatedSalary", "Exited",
)
SAMPLE_NAME = "bank_churn_sample.csv"
SAMPLE_ROWS = 10_000
SAMPLE_SEED = 2020

_FIRST = ("Ab", "Bar", "Cal", "Dun", "El", "Far", "Gal", "Hal", "Ive", "Jen", "Kel", "Lam", "Mac", "Nor", "Ok",
          "Pel", "Ros", "Sut", "Tan", "Ur", "Vas", "Wen", "Yo", "Zh")
_LAST = ("bott", "ford", "ley", "son", "ini", "ova", "kins", "rick", "wood", "ang", "ez", "ton", "ard", "ri",
         "chi", "man", "ell", "ov", "er", "well")


def churn_frame(n: int = SAMPLE_ROWS, seed: int = SAMPLE_SEED) -> pd.DataFrame:
    """``n`` bank customers with the article's header, in row order (RowNumber 1 .. n)."""
    rng = np.random.default_rng(seed)
    geography = rng.choice(["France", "Germany", "Spain"], size=n, p=[0.50, 0.25, 0.25])
    gender = rng.choice(["Male", "Female"], size=n, p=[0.546, 0.454])
    age = np.clip(np.round(18 + rng.gamma(4.0, 5.2, n)), 18, 92).astype(int)
    credit = np.clip(np.round(rng.normal(650, 97, n)), 350, 850).astype(int)
    tenure = rng.integers(0, 11, n)
    # In the real table about 36 % of balances are exactly zero, and German customers never have a zero balance.
    zero = (geography != "Germany") & (rng.random(n) < 0.482)
    balance = np.where(zero, 0.0, np.clip(rng.normal(119_800, 30_000, n), 3_768.69, 250_898.09).round(2))
    products = rng.choice([1, 2, 3, 4], size=n, p=[0.508, 0.459, 0.027, 0.006])
    has_card = (rng.random(n) < 0.705).astype(int)
    active = (rng.random(n) < 0.515).astype(int)
    salary = rng.uniform(11.58, 199_992.48, n).round(2)
    # Exit odds: peak in the 50s, higher for inactive members, one product or three and more, German customers,
    # women and non-zero balances; credit score, tenure, card and salary hardly matter (as in the real table).
    logit = (
        -3.3
        + 3.6 * np.exp(-(((age - 55.0) / 10.0) ** 2))
        + 0.9 * (1 - active)
        + np.select([products == 1, products == 2, products == 3], [0.3, -1.6, 2.4], 5.0)
        + 0.7 * (geography == "Germany")
        + 0.5 * (gender == "Female")
        + 0.25 * (balance > 0)
        - 0.0007 * (credit - 650)
    )
    exited = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    surname = np.char.add(rng.choice(_FIRST, n), rng.choice(_LAST, n))
    customer_id = 15_565_701 + rng.choice(250_000, size=n, replace=False)  # unique, not in row order
    return pd.DataFrame({
        "RowNumber": np.arange(1, n + 1),
        "CustomerId": customer_id,
        "Surname": surname,
        "CreditScore": credit,
        "Geography": geography,
        "Gender": gender,
        "Age": age,
        "Tenure": tenure,
        "Balance": balance,
        "NumOfProducts": products,
        "HasCrCard": has_card,
        "IsActiveMember": active,
        "EstimatedSalary": salary,
        "Exited": exited,
    }, columns=list(HEADER))


def churn_csv(n: int = SAMPLE_ROWS, seed: int = SAMPLE_SEED) -> bytes:
    """The sample as CSV bytes (comma separated, header row, no index column), as a user would upload it."""
    out = io.StringIO()
    churn_frame(n, seed).to_csv(out, index=False, lineterminator="\n")
    return out.getvalue().encode("utf-8")
