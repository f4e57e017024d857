#!/usr/bin/env python3
"""Copies the demo fixtures with every date moved by the same number of days, so that the demo
looks on the day it is made as the fixtures look on the day they are written for: consents about to
lapse, minors still minors, a deceased performer long deceased.

usage: shift-dates.py AS_OF TODAY OUT_DIR FILE...
AS_OF is the day the fixtures are written for, TODAY the day to move them to (both YYYY-MM-DD);
each FILE is written to OUT_DIR under its own name, with every YYYY-MM-DD in it moved."""
import datetime
import os
import re
import sys

as_of, today, out = sys.argv[1], sys.argv[2], sys.argv[3]
offset = datetime.date.fromisoformat(today) - datetime.date.fromisoformat(as_of)
day = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
os.makedirs(out, exist_ok=True)
for path in sys.argv[4:]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    moved = day.sub(lambda m: str(datetime.date.fromisoformat(m.group(1)) + offset), text)
    with open(os.path.join(out, os.path.basename(path)), "w", encoding="utf-8") as f:
        f.write(moved)
