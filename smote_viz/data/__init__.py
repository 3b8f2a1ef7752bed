"""Datasets: generated 2-D teaching data and uploaded CSV files, both as a ``Dataset``."""

from smote_viz.data.dataset import DataError, Dataset
from smote_viz.data.generators import SHAPE_DESCRIPTIONS, SHAPES, default_dataset, generate

__all__ = ["DataError", "Dataset", "SHAPES", "SHAPE_DESCRIPTIONS", "default_dataset", "generate"]

from smote_viz.data.csv_loader import (  # noqa: E402
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_MEGABYTES,
    MAX_ROWS,
    Table,
    load_csv,
    read_table,
    table_to_dataset,
)

__all__ += ["MAX_BYTES", "MAX_COLUMNS", "MAX_MEGABYTES", "MAX_ROWS", "Table", "load_csv", "read_table", "table_to_dataset"]
