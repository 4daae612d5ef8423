"""The report both Python benches print: numpy's runs and PyTorch's, each skipped with the apt
package to install when its library is missing, as one JSON object on stdout."""

import json
import platform
import sys


def report_runs(numpy_run, torch_run, extra=None):
    """Reads the payload from stdin, runs numpy_run and torch_run on it, prints the report."""
    payload = json.load(sys.stdin)
    report = {"python": platform.python_version(), **(extra or {})}
    try:
        import numpy  # noqa: F401
    except ImportError:
        report["numpy"] = {"skipped": "numpy is not installed for /usr/bin/python3 (apt install python3-numpy)"}
        report["torch"] = {"skipped": "torch needs numpy here, and numpy is not installed"}
        print(json.dumps(report))
        return
    report["numpy"] = numpy_run(payload)
    try:
        import torch  # noqa: F401
    except ImportError:
        report["torch"] = {"skipped": "torch is not installed for /usr/bin/python3 (apt install python3-torch)"}
    else:
        report["torch"] = torch_run(payload)
    print(json.dumps(report))
