"""The core's flat tables (``core/src/report/table.rs``) as rows, pandas or Arrow.

Every host exports the same sheets: the core fixes the columns of each table (nested fields
joined with ``_``, such as ``basis_standard`` and ``message_en``; a compliance condition's
numbers as ``n_<name>``) and this module only converts ``{"columns": [...], "rows": [...]}``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, List

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow


class Table:
    """One table of a report: ``columns`` and ``rows`` (lists of cells, ``None`` where absent)."""

    def __init__(self, text: str) -> None:
        doc = json.loads(text)
        self.columns: List[str] = doc["columns"]
        self.rows: List[List[Any]] = doc["rows"]

    def records(self) -> List[Dict[str, Any]]:
        """The rows as dicts keyed by column."""
        return [dict(zip(self.columns, r)) for r in self.rows]

    def to_pandas(self) -> "pandas.DataFrame":
        """The table as a pandas DataFrame (the header is kept when there are no rows)."""
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.columns)

    def to_arrow(self) -> "pyarrow.Table":
        """The table as a pyarrow Table (all-null columns typed ``null``)."""
        import pyarrow as pa

        cols = list(zip(*self.rows)) if self.rows else [() for _ in self.columns]
        return pa.table({c: pa.array(list(v)) if v else pa.array([], pa.null()) for c, v in zip(self.columns, cols)})
