"""The snapshot's rows mirror the tables: each row class has the table's columns, in the
table's order (a snapshot builds its rows from the columns by position)."""

from __future__ import annotations

from dataclasses import fields

import pytest

from app.database import models
from app.read import rows

PAIRS = [(table, getattr(rows, f"{table.__name__}Row")) for table in models.TABLES if table is not models.DatasetInfo]


@pytest.mark.parametrize(("table", "row"), PAIRS, ids=lambda item: getattr(item, "__name__", ""))
def test_each_row_class_has_its_tables_columns_in_order(table, row):
    assert [field.name for field in fields(row)] == [column.name for column in table.__table__.columns]


def test_every_table_but_the_dataset_facts_has_a_row_class():
    assert len(PAIRS) == len(models.TABLES) - 1  # DatasetInfo is read as a mapping: snapshot.info
