# Writes tests/data/good/bank_churn_like.csv (run from the project root): the header of the bank-churn article's
# file (Kaggle's Churn_Modelling.csv, not shipped) with made-up values, from the same generator the app offers
# as its one-click sample (smote_viz.data.churn). tests/test_churn.py checks that the file equals its output.
from smote_viz.data.churn import churn_csv

open("tests/data/good/bank_churn_like.csv", "wb").write(churn_csv())
