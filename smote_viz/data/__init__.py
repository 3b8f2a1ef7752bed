"""Datasets: generated 2-D teaching data and uploaded CSV files, both as a ``Dataset``."""

from .dataset import DataError, Dataset
from .generators import SHAPE_DESCRIPTIONS, SHAPES, default_dataset, generate

__all__ = ["DataError", "Dataset", "SHAPES", "SHAPE_DESCRIPTIONS", "default_dataset", "generate"]

from .csv_loader import MAX_BYTES, MAX_COLUMNS, MAX_MEGABYTES, MAX_ROWS, Table, load_csv, read_table, table_to_dataset  # noqa: E402

__all__ += ["MAX_BYTES", "MAX_COLUMNS", "MAX_MEGABYTES", "MAX_ROWS", "Table", "load_csv", "read_table", "table_to_dataset"]
