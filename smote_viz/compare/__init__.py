"""Compare classifiers: evaluation, its sentences, the article replay, the work budget, figures and UI."""
