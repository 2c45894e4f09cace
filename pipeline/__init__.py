"""eventwire: conflict news in, ACLED-style events out.

The library behind the DAGs and the `eventwire` command. Stages follow the data's path:
fetch -> clean -> extract -> validate -> load, over `db` and `config`. Never imports Airflow.
"""

__version__ = "0.1.0"
