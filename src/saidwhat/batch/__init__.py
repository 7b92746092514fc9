"""Batch runs: many articles on every core, written to JSONL, CSV or Parquet, resumable.

``process`` is the engine (inputs in, Articles out, in input order); ``run_job``
drives it into an output file with a journal, so a killed run picks up where it
stopped, and an error log of the documents that failed.
"""

from .runner import available_cores, extract_documents, process

__all__ = ["available_cores", "extract_documents", "process"]
