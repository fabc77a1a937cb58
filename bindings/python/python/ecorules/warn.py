"""Early warnings: warning rules (a small typed rule language) over monitoring data.

``evaluate(request)`` runs warning packs over history, exactly like the core's
``warn::evaluate_batch`` (push everything into a monitor, flush, tick at ``now``). The
request is a dict::

    {"permit": {...}, "warnings": ["cn-cems-warnings", {...inline pack...}],
     "data": {"series": [{"outlet": "DA001", "pollutant": "so2", "time": [...], "values": [...]}]},
     "records": {"items": [{"id": "L1", "kind": "ledger", "due": "2025-03-10"}]},
     "now": "2025-03-01T09:00:00+08:00", "options": {"lateness": 0}}

and the result ``{"alarms": [...], "stats": [...]}``: alarm events (opened / updated /
closed, with start, end, duration, peak, signals and zh/en messages) and per-rule totals.
The language reference is ``docs/warnings.md``.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Mapping

from . import _ecorules


def evaluate(request: Mapping[str, Any]) -> Dict[str, Any]:
    """Runs warning packs over the request's data; raises ``ecorules.Error`` on bad input."""
    result: Dict[str, Any] = json.loads(_ecorules.warnings_json(json.dumps(request)))
    return result


__all__ = ["evaluate"]
