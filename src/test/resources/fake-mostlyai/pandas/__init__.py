"""Fake pandas (tests only: the test machine has no pandas): just the calls issosynth's bridge and the fake mostlyai
packages make. read_csv accepts only the options the bridge relies on and records them; cells stay text."""
import csv
import random

import fake_control


class DataFrame:
    def __init__(self, columns, rows):
        self.columns = list(columns)
        self._rows = rows

    def __len__(self):
        return len(self._rows)

    def sample(self, n=None, replace=False, random_state=None):
        rng = random.Random(random_state)
        rows = [rng.choice(self._rows) for _ in range(n)] if replace else rng.sample(self._rows, n)
        return DataFrame(self.columns, rows)

    def to_csv(self, path_or_buf, index=True):
        if index:
            raise NotImplementedError("the fake writes index=False only")
        with open(path_or_buf, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(self.columns)
            w.writerows([["" if v is None else v for v in row] for row in self._rows])


def read_csv(filepath_or_buffer, dtype=None, keep_default_na=True, na_values=None, low_memory=True):
    if keep_default_na or na_values != [""]:
        raise NotImplementedError("the fake reads with keep_default_na=False, na_values=[''] only")
    fake_control.record("read_csv", dtype={c: t.__name__ for c, t in (dtype or {}).items()})
    with open(filepath_or_buffer, newline="", encoding="utf-8") as f:
        header, *rows = list(csv.reader(f))
    return DataFrame(header, [[v if v != "" else None for v in row] for row in rows])
