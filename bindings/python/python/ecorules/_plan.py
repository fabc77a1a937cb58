"""``Plan``: a permit compiled against rule packs, evaluated against monitoring data."""

from __future__ import annotations

import json
import os
from datetime import datetime
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

import numpy as np

from . import _comply, _data, _ecorules, _warn
from ._report import Report, Rule, _build

#: A permit or pack: a path, a dict (the JSON structure) or TOML/JSON text.
Document = Union[str, "os.PathLike[str]", Dict[str, Any], bytes]
#: A time bound: Unix seconds or an aware datetime.
Bound = Union[int, datetime, None]


class Plan:
    """A compiled permit. Immutable and thread-safe: compile once, evaluate often.

    Evaluation releases the GIL, so several threads can evaluate in parallel.
    """

    def __init__(self, native: _ecorules.Plan) -> None:
        self._native = native

    @classmethod
    def compile(cls, permit: Document, packs: Optional[Sequence[Document]] = None) -> "Plan":
        """Compiles a permit against the embedded packs plus ``packs``.

        ``permit`` and each pack are a path (``str`` ending in ``.toml``/``.json`` or
        ``os.PathLike``), a dict, or TOML/JSON text. Raises :class:`ecorules.PermitError`,
        :class:`ecorules.PackError` (with code, path, line, column, help).
        """
        name, text = _data.source(permit, "permit")
        custom = [_data.source(p, f"packs[{i}]") for i, p in enumerate(packs or [])]
        return cls(_ecorules.Plan.compile(name, text, custom))

    def evaluate(
        self,
        data: Any,
        *,
        from_: Bound = None,
        to: Bound = None,
        findings: bool = True,
        duplicates: str = "error",
        naive_time_zone: Optional[str] = None,
        source_name: Optional[str] = None,
    ) -> Report:
        """Judges monitoring data against the permit.

        ``data``: a pandas / polars DataFrame, a pyarrow Table or RecordBatch, a dict of numpy
        arrays (long ``outlet, pollutant, time, value, flag`` or wide ``outlet, time, so2,
        nox, ..., flag``), a data document dict (``{"series": [...]}``), or a CSV / JSON /
        Parquet path or CSV / JSON text. ``from_`` / ``to`` restrict the judged windows;
        ``findings=False`` keeps only events and statistics; ``duplicates="keep_last"`` keeps
        the later of two rows with one timestamp; ``naive_time_zone`` localizes times
        without an offset; ``source_name`` names the input in error messages. Raises :class:`ecorules.DataError` for malformed data.
        """
        proto = _data.protocol(data, naive_time_zone)
        native = self._native.evaluate(
            proto,
            _data.load_json(duplicates, naive_time_zone, source_name),
            _data.seconds(from_),
            _data.seconds(to),
            findings,
        )
        return Report(native)

    def judged_windows(
        self,
        data: Any,
        outlet: str,
        rule_id: str,
        *,
        from_: Bound = None,
        to: Bound = None,
        duplicates: str = "error",
        naive_time_zone: Optional[str] = None,
    ) -> Dict[str, np.ndarray]:
        """Every window of one rule as judged (for charts).

        Returns numpy arrays of equal length: ``start`` and ``end`` (Unix seconds, UTC),
        ``value`` (the value compared with the limit; NaN where the window is invalid),
        ``valid``, ``exceeds``, ``below`` (bool) and ``n_valid``. Rule ids come from
        :meth:`rules`.
        """
        proto = _data.protocol(data, naive_time_zone)
        out: Dict[str, np.ndarray] = self._native.judged_windows(
            proto,
            _data.load_json(duplicates, naive_time_zone),
            outlet,
            rule_id,
            _data.seconds(from_),
            _data.seconds(to),
        )
        return out

    def warnings(
        self,
        data: Any,
        packs: Sequence[_warn.WarningPack],
        records: Optional[_warn.Records] = None,
        now: Optional[_warn.Now] = None,
        *,
        lateness: int = 0,
        duplicates: str = "error",
        naive_time_zone: Optional[str] = None,
    ) -> _warn.WarningsReport:
        """Runs warning packs over history: the alarms a :class:`ecorules.Monitor` would
        raise if fed all of ``data`` and flushed, then ticked at ``now``.

        ``data``: any input :meth:`evaluate` takes, or None (deadline rules only); a data
        document dict may also carry operating signals (``fan``, ``production_line``).
        ``packs``: embedded warning-pack ids (``"cn-cems-warnings"``; see
        :func:`ecorules.warning_packs`), paths, dicts or TOML/JSON text. ``records``:
        enterprise records (``{"items": [{id, kind, title?, due, done?}]}``) for deadline
        rules. ``now``: Unix seconds, an aware datetime or ISO text. Raises
        :class:`ecorules.RuleError` (with line, column, help) for a rule that does not
        parse or type-check.
        """
        return _warn.run_batch(self, data, packs, records, now, lateness, duplicates, naive_time_zone)

    def comply(
        self,
        data: Any = None,
        *,
        period: Union[str, int],
        methods: Union[str, Sequence[str], None] = None,
        records: Optional[Mapping[str, Any]] = None,
        method_packs: Optional[Sequence[Document]] = None,
        as_of: Optional[str] = None,
        duplicates: str = "error",
        naive_time_zone: Optional[str] = None,
    ) -> _comply.ComplianceReport:
        """Assesses the permit over ``period`` (``2025``, ``"2025-03"`` or
        ``"2025-01-01..2025-06-30"``) with the compliance ``methods`` (ids from
        :func:`ecorules.methods`, e.g. ``"cn-auto-monitoring"``, ``"eu-ied-lcp"``).

        ``data``: monitoring data (any input :meth:`evaluate` takes) or None for
        record-only methods; ``records``: ``{dmr?, iu_samples?, iu_reports?, states?,
        caps?}`` as in ``docs/methods.md``; ``method_packs``: custom method packs (path,
        dict or text) added to, or replacing by id, the embedded ones; ``as_of``
        (``YYYY-MM-DD``): "today" for late reports and the cap forecast. Raises
        :class:`ecorules.DataError` (``data.comply.*``) for a bad period, an unknown or
        missing method.
        """
        return _comply.run(
            self, data, str(period), methods, records, method_packs, as_of, duplicates, naive_time_zone
        )

    def rules(self) -> List[Rule]:
        """The compiled limits of every outlet (rule id, pollutant, period, limit, unit)."""
        return [_build(Rule, r) for r in json.loads(self._native.rules_json())]

    @property
    def permit_id(self) -> str:
        """The permit's id."""
        return self._native.permit_id

    @property
    def enterprise(self) -> str:
        """The enterprise's name."""
        return self._native.enterprise

    @property
    def outlets(self) -> List[str]:
        """Outlet ids, in permit order."""
        return self._native.outlets

    def __repr__(self) -> str:
        return repr(self._native)
