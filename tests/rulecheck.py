"""The rule test helper, now shipped as `xxgk_lint.testing`; tests import it by this short name."""

from xxgk_lint.testing import DELETE, SAMPLE, check, make_report, official_headings, run, sample_data

__all__ = ["DELETE", "SAMPLE", "check", "make_report", "official_headings", "run", "sample_data"]
