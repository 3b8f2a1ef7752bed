"""SMOTE Lab: a library that makes SMOTE visible.

Pure Python (numpy, pandas, scikit-learn, imbalanced-learn, Plotly). Nothing here imports Streamlit except
``smote_viz.ui``, so every function can be tested without a browser.
"""
