"""Screening on Apache Spark: ``screening.spark.screen(spark_df, screener, ...)``.

A short name for :mod:`screening.interfaces.spark` (see its docstring for how the index
is shipped and how rows are labelled). pyspark is an optional extra
(``pip install "screening[spark]"``): importing this module does not need it, calling
:func:`screen` does.
"""

from screening.interfaces.spark import INSTALL_HINT, executor_screener, partition_offsets, result_schema, screen, ship

__all__ = ["INSTALL_HINT", "executor_screener", "partition_offsets", "result_schema", "screen", "ship"]
