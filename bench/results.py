"""The results file bench/measure.sh writes, read back: each measured name's runs, and the
medians the benchmarks' tables print. One reader beside the one writer, so that every script
takes the columns `measure` appends ("NAME wall_seconds maxrss_kb user_seconds sys_seconds")
in the same order.

The scripts run from the repository's root and import it as `bench.results`."""
import statistics
from typing import NamedTuple


class Run(NamedTuple):
    wall: float
    kb: int
    user: float
    sys: float

    @property
    def cpu(self):
        return self.user + self.sys

    @property
    def mb(self):
        return self.kb / 1024


def runs(path):
    """Every name's runs, in the order the file first names them."""
    by = {}
    for line in open(path):
        name, wall, kb, user, sys_ = line.split()
        by.setdefault(name, []).append(Run(float(wall), int(kb), float(user), float(sys_)))
    return by


def median(runs, field):
    """The median of one field (`wall`, `user`, `sys`, `cpu`, `mb`) over a name's runs."""
    return statistics.median(getattr(run, field) for run in runs)


def peak_mb(runs):
    """The largest resident set of a name's runs: memory is bounded by its worst run."""
    return max(run.mb for run in runs)
