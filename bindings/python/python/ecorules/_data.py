"""Turning host data into the column protocol the native module reads.

Accepted inputs (all become one Arrow table, then contiguous numpy views of its buffers):

* a pandas DataFrame, a pyarrow Table or RecordBatch, a polars DataFrame or anything with
  the Arrow PyCapsule interface (``__arrow_c_stream__``), a dict of numpy arrays or lists;
* a JSON data document as a dict (``{"series": [...]}`` or ``{"records": [...]}``) or a
  list of records — loaded by the core's JSON loader;
* a path (``str`` or ``os.PathLike``) to a ``.csv``, ``.json`` or ``.parquet`` file, or
  CSV / JSON text.

Which column is which is decided by the core (``classify_columns``): the long shape
``outlet, pollutant, time, value, flag`` or the wide shape ``outlet, time, so2, nox, ...,
flag``, with the same accepted names as the CSV loader (``stack_id``, ``ts``, ``a21026``,
``so2_flag``, ...). Numeric columns without nulls are passed without copying; flag columns
of one-letter strings are passed as Arrow's own data buffer.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from typing import Any, Dict, List, Optional, Tuple, Union

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import _ecorules
from ._errors import core_error, data_error

Protocol = Tuple[Any, ...]


def dumps(doc: Any) -> str:
    """JSON text as the core writes it (compact, keys sorted, UTF-8), so that error
    positions in a dict given by the caller match what the core reports for the same dict."""
    return json.dumps(doc, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def _text_cells(arr: Any) -> Tuple[np.ndarray, np.ndarray]:
    if not pa.types.is_string(arr.type):
        arr = arr.cast(pa.string())
    bufs: Any = arr.buffers()
    offsets = np.frombuffer(bufs[1], dtype=np.int32)[arr.offset : arr.offset + len(arr) + 1]
    data = np.frombuffer(bufs[2], dtype=np.uint8) if bufs[2] is not None else np.zeros(0, np.uint8)
    return offsets, data


def _is_text(t: pa.DataType) -> bool:
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_dictionary(t)
                or getattr(pa.types, "is_string_view", lambda _t: False)(t))


def _keys(arr: Any, what: str) -> Protocol:
    if arr.null_count:
        raise data_error("missing_key", f"the {what} column has {arr.null_count} empty cells")
    t = arr.type
    if pa.types.is_int32(t):
        return ("i32", arr.to_numpy(zero_copy_only=False), None)
    if pa.types.is_integer(t):
        return ("i64", arr.cast(pa.int64()).to_numpy(zero_copy_only=False), None)
    if not pa.types.is_dictionary(t):
        if not _is_text(t):
            arr = arr.cast(pa.string())
        arr = arr.dictionary_encode()
    names = [str(x) for x in arr.dictionary.to_pylist()]
    return ("i32", arr.indices.cast(pa.int32()).to_numpy(zero_copy_only=False), names)


def _time(arr: Any, naive_time_zone: Optional[str]) -> Protocol:
    if arr.null_count:
        raise data_error("bad_time", f"the time column has {arr.null_count} empty cells")
    t = arr.type
    if pa.types.is_timestamp(t):
        if t.tz is None:
            if naive_time_zone is None:
                raise data_error(
                    "naive_time",
                    "the time column has no time zone",
                    "localize it (pandas: .dt.tz_localize('Asia/Shanghai')) or pass naive_time_zone=",
                )
            arr = pc.assume_timezone(arr, naive_time_zone)
        per_s = {"s": 1, "ms": 1000, "us": 1_000_000, "ns": 1_000_000_000}[t.unit]
        ints = arr.cast(pa.int64()).to_numpy(zero_copy_only=False)
        return ("seconds", ints // per_s if per_s != 1 else ints)
    if pa.types.is_integer(t) or pa.types.is_floating(t):
        return ("seconds", arr.cast(pa.int64()).to_numpy(zero_copy_only=False))
    if pa.types.is_dictionary(t):
        arr = arr.cast(pa.string())
    offsets, data = _text_cells(arr)
    return ("text", offsets, data)


def _flags(arr: Any) -> Protocol:
    t = arr.type
    if pa.types.is_uint8(t) or pa.types.is_int8(t):
        return ("letters", arr.fill_null(ord("N")).cast(pa.uint8()).to_numpy(zero_copy_only=False))
    if pa.types.is_binary(t) or pa.types.is_fixed_size_binary(t) or not _is_text(t):
        arr = arr.cast(pa.string())
    offsets, data = _text_cells(arr)
    return ("text", offsets, data)


def _values(arr: Any) -> np.ndarray:
    if not pa.types.is_float64(arr.type):
        arr = arr.cast(pa.float64())
    if arr.null_count:
        arr = arr.fill_null(float("nan"))
    return np.ascontiguousarray(arr.to_numpy(zero_copy_only=False))


def _column(table: pa.Table, i: int) -> Any:
    col: Any = table.column(i)
    if col.num_chunks == 1:
        return col.chunk(0)
    return col.combine_chunks()


def table_protocol(table: pa.Table, naive_time_zone: Optional[str]) -> Protocol:
    """The column protocol of an Arrow table (shape decided by the core)."""
    layout = json.loads(_ecorules.classify_columns([str(n) for n in table.column_names]))
    col = lambda i: _column(table, i)  # noqa: E731
    time = _time(col(layout["time"]), naive_time_zone)
    if layout["shape"] == "long":
        flag = layout["flag"]
        return (
            "long",
            _keys(col(layout["outlet"]), "outlet"),
            _keys(col(layout["pollutant"]).cast(pa.string()), "pollutant"),
            time,
            _values(col(layout["value"])),
            _flags(col(flag)) if flag is not None else None,
        )
    shared = layout["flag"]
    return (
        "wide",
        _keys(col(layout["outlet"]), "outlet"),
        time,
        _flags(col(shared)) if shared is not None else None,
        [
            (c["pollutant"], _values(col(c["value"])), _flags(col(c["flag"])) if c["flag"] is not None else None)
            for c in layout["columns"]
        ],
    )


def _is_document(data: Any) -> bool:
    if isinstance(data, dict):
        return "series" in data or "records" in data
    return isinstance(data, list)


def to_table(data: Any) -> Optional[pa.Table]:
    """An Arrow table for table-like inputs, or None."""
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    mod = type(data).__module__
    if mod.startswith("pandas"):
        return pa.Table.from_pandas(data, preserve_index=False)
    if hasattr(data, "__arrow_c_stream__"):
        return pa.table(data)
    if isinstance(data, dict) and not _is_document(data):
        cols: Any = {str(k): (v if isinstance(v, (np.ndarray, pa.Array)) else np.asarray(v)) for k, v in data.items()}
        return pa.table(cols)
    return None


def protocol(data: Any, naive_time_zone: Optional[str] = None) -> Protocol:
    """The column protocol for any supported input."""
    if isinstance(data, _ecorules.Capture):
        return ("capture", data)
    native = getattr(data, "_native", None)
    if isinstance(native, _ecorules.Capture):
        return ("capture", native)
    if _is_document(data):
        return ("text", dumps(data), "json")
    if isinstance(data, bytes):
        data = data.decode("utf-8")
    if isinstance(data, os.PathLike) or (
        isinstance(data, str) and "\n" not in data and (os.path.exists(data) or data.lower().endswith((".csv", ".json", ".parquet")))
    ):
        path = os.fspath(data)
        if str(path).lower().endswith(".parquet"):
            import pyarrow.parquet as pq

            return table_protocol(pq.read_table(path), naive_time_zone)
        try:
            with open(path, encoding="utf-8-sig") as fh:
                text = fh.read()
        except OSError as e:
            raise data_error("unreadable", f"cannot read `{path}`: {e.strerror}") from None
        fmt = "json" if str(path).lower().endswith(".json") else "csv"
        return ("text", text, fmt)
    if isinstance(data, str):
        fmt = "json" if data.lstrip()[:1] in ("{", "[") else "csv"
        return ("text", data, fmt)
    table = to_table(data)
    if table is None:
        raise data_error(
            "unsupported_input",
            f"cannot evaluate data of type {type(data).__name__}",
            "pass a pandas/polars DataFrame, a pyarrow Table, a dict of numpy arrays, a data document dict, or a CSV/JSON path",
        )
    return table_protocol(table, naive_time_zone)


def load_json(duplicates: str, naive_time_zone: Optional[str], source_name: Optional[str] = None) -> str:
    """LoadOptions as JSON for the native module."""
    opts: Dict[str, Any] = {"duplicates": duplicates}
    if naive_time_zone is not None:
        opts["naive_time_zone"] = naive_time_zone
    if source_name is not None:
        opts["source_name"] = source_name
    return json.dumps(opts)


def seconds(t: Union[int, datetime, None]) -> Optional[int]:
    """A bound as Unix seconds (aware datetimes only)."""
    if t is None or isinstance(t, int):
        return t
    if isinstance(t, datetime):
        if t.tzinfo is None:
            raise data_error("naive_time", "from_/to datetimes must carry a time zone")
        return int(t.timestamp())
    raise data_error("bad_time", f"from_/to must be Unix seconds or an aware datetime, not {type(t).__name__}")


def source(doc: Any, default_name: str) -> Tuple[str, str]:
    """(name, text) of a permit or pack given as a path, a dict or TOML/JSON text."""
    if isinstance(doc, dict):
        return (default_name + ".json", dumps(doc))
    if isinstance(doc, bytes):
        doc = doc.decode("utf-8")
    if isinstance(doc, os.PathLike) or (
        isinstance(doc, str) and "\n" not in doc and doc.lower().endswith((".toml", ".json"))
    ):
        path = os.fspath(doc)
        try:
            with open(path, encoding="utf-8-sig") as fh:
                return (str(path), fh.read())
        except OSError as e:
            kind = "pack" if default_name.startswith("pack") else "permit"
            raise core_error(f"{kind}.unreadable", f"cannot read `{path}`: {e.strerror}", None, str(path)) from None
    if isinstance(doc, str):
        return (default_name + (".json" if doc.lstrip()[:1] == "{" else ".toml"), doc)
    raise data_error("unsupported_input", f"a {default_name} is a path, a dict or TOML/JSON text, not {type(doc).__name__}")


__all__: List[str] = ["protocol", "table_protocol", "to_table", "load_json", "seconds", "source"]
