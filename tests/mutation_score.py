"""The end of `make mutants`: the mutants no unit test killed, and the score, from mutmut.

    python tests/mutation_score.py   (in the project, after `mutmut run`)

Reads `mutmut results --all true` (one `name: status` line per mutant). A mutant is killed
when a test failed or timed out with it; every other tested mutant survived it. A survivor
must be listed in tests/mutants-equivalent.md, with the reason it cannot change behaviour:
an unlisted one is printed with its diff (`mutmut show`) and makes the command fail. The
last line is the only one of its kind: `mutation score: K/N killed (P%)`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

EQUIVALENT = Path(__file__).resolve().parent / "mutants-equivalent.md"
KILLED = {"killed", "timeout", "segfault"}
NOT_RUN = {"skipped", "not checked", "check was interrupted by user"}


def results(mutmut: str) -> dict[str, str]:
    listed = subprocess.run([mutmut, "results", "--all", "true"], capture_output=True, text=True, check=True).stdout
    return dict(line.strip().rsplit(": ", 1) for line in listed.splitlines() if ": " in line)


def main() -> int:
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    status = results(mutmut)
    unchecked = sorted(name for name, s in status.items() if s in NOT_RUN)
    if unchecked:
        print(f"{len(unchecked)} mutant(s) were not run (interrupted?): {', '.join(unchecked[:5])} ...")
    tested = {name: s for name, s in status.items() if s not in NOT_RUN}
    survivors = sorted(name for name, s in tested.items() if s not in KILLED)
    listed = set(re.findall(r"`([\w.ǁ]+__mutmut_\d+)`", EQUIVALENT.read_text(encoding="utf-8")))
    unexplained = [name for name in survivors if name not in listed]
    for name in unexplained:
        print(f"\nSurvived ({tested[name]}), not in {EQUIVALENT.name}:")
        print(subprocess.run([mutmut, "show", name], capture_output=True, text=True).stdout.rstrip())
    if survivors:
        print(f"\n{len(survivors)} survivor(s), {len(survivors) - len(unexplained)} of them listed as equivalent "
              f"in tests/{EQUIVALENT.name}.")
    killed = sum(1 for s in tested.values() if s in KILLED)
    print(f"mutation score: {killed}/{len(tested)} killed ({100 * killed / max(len(tested), 1):.1f}%)")
    return 1 if unexplained or unchecked or not tested else 0


if __name__ == "__main__":
    sys.exit(main())
