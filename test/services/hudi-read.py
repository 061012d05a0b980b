"""Reads Hudi tables with the hudi-rs Python binding (PyPI `hudi`) and prints what it sees as JSON.

Used by hudi.services.test.ts:  <venv python> hudi-read.py <table dir>...
One JSON object per table (a list on stdout); a failure is reported per step, as `errors`, so the
test can say precisely what this reader does not support instead of stopping at the first one.
"""

import json
import os
import sys


def step(out, name, fn):
    try:
        out[name] = fn()
    except Exception as e:  # noqa: BLE001 - recorded, the test decides
        out.setdefault("errors", {})[name] = f"{type(e).__name__}: {e}"


def jsonable(v):
    if isinstance(v, (bytes, bytearray)):
        return v.decode("utf-8", "replace")
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def read_table(path):
    import pyarrow as pa
    from hudi import HudiReadOptions, HudiTableBuilder

    out = {"path": path}
    table = None

    def build():
        nonlocal table
        table = HudiTableBuilder.from_base_uri(os.path.abspath(path)).build()
        return {"name": table.table_name, "type": table.table_type, "isMor": table.is_mor}

    step(out, "table", build)
    if table is None:
        return out
    step(out, "schemaFields", lambda: [f.name for f in table.get_schema()])
    step(out, "partitionFields", lambda: [f.name for f in table.get_partition_schema()])

    def timeline():
        tl = table.get_timeline()
        return {
            "commits": [i.timestamp for i in tl.get_completed_commits()],
            "deltacommits": [i.timestamp for i in tl.get_completed_deltacommits()],
            "latestCommit": tl.get_latest_commit_timestamp(),
            "latestSchemaFields": [f.name for f in tl.get_latest_schema() if not f.name.startswith("_hoodie_")],
        }

    step(out, "timeline", timeline)

    def snapshot():
        batches = table.read(HudiReadOptions())
        t = pa.Table.from_batches(batches) if batches else pa.table({})
        rows = t.to_pylist()
        key = "artist_id" if "artist_id" in t.column_names and "artwork_id" not in t.column_names else "artwork_id"
        return {
            "rowCount": t.num_rows,
            "columns": [c for c in t.column_names if not c.startswith("_hoodie_")],
            "recordKeys": sorted(r[key] for r in rows),
            "rows": {str(r[key]): {k: jsonable(v) for k, v in r.items() if not k.startswith("_hoodie_")} for r in rows},
        }

    step(out, "snapshot", snapshot)

    def time_travel():
        # Row count as of each completed commit/deltacommit (its requested instant time).
        tl = table.get_timeline()
        instants = sorted(i.timestamp for i in tl.get_completed_commits() + tl.get_completed_deltacommits())
        counts = {}
        for ts in instants:
            batches = table.read(HudiReadOptions().with_as_of_timestamp(ts))
            counts[ts] = sum(b.num_rows for b in batches)
        return counts

    step(out, "timeTravel", time_travel)

    def slices():
        return [{"partition": s.partition_path, "base": s.base_file_name, "logs": list(s.log_file_names)}
                for s in table.get_file_slices()]

    step(out, "fileSlices", slices)
    return out


if __name__ == "__main__":
    print(json.dumps([read_table(p) for p in sys.argv[1:]], ensure_ascii=False))
