"""An analyst's script written for an ACLED CSV download (not for eventwire): the test runs it
unchanged on a hand-made ACLED-format file and on `eventwire export --columns acled`.

Usage: python acled_analysis.py FILE.csv  -> prints the totals as JSON.
"""

import json
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1])
df["event_date"] = pd.to_datetime(df["event_date"], format="%Y-%m-%d")

by_place = df.groupby(["country", "admin1", "event_type"])["fatalities"].sum()
state_vs_rebels = df[df["interaction"] == "State forces-Rebel group"]
civilians = df[df["interaction"].str.contains("Civilians")]
by_month = df.groupby(df["event_date"].dt.to_period("M")).size()

print(json.dumps({
    "events": int(len(df)),
    "fatalities": int(df["fatalities"].sum()),
    "by_place": {" | ".join(k): int(v) for k, v in by_place.items()},
    "state_vs_rebels": int(len(state_vs_rebels)),
    "state_vs_rebels_fatalities": int(state_vs_rebels["fatalities"].sum()),
    "civilian_interactions": int(len(civilians)),
    "civilian_targeting": int((df["civilian_targeting"] == "Civilian targeting").sum()),
    "by_month": {str(k): int(v) for k, v in by_month.items()},
    "years": sorted(int(y) for y in df["year"].unique()),
    "first_day": df["event_date"].min().strftime("%Y-%m-%d"),
}, sort_keys=True))
