"""Datasets: generated 2-D teaching data and uploaded CSV files, both as a ``Dataset``."""

from .dataset import Dataset, DataError
from .generators import SHAPE_DESCRIPTIONS, SHAPES, default_dataset, generate

__all__ = ["DataError", "Dataset", "SHAPES", "SHAPE_DESCRIPTIONS", "default_dataset", "generate"]
