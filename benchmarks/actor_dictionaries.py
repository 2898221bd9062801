"""How long the actors stage takes to load its dictionaries, once per process.

    .venv/bin/python benchmarks/actor_dictionaries.py [--repeat 3]

Reads the packaged Phoenix actor dictionaries, the country table, the three agent dictionaries and the city
list, and compiles the Aho-Corasick automata, as the first Pipeline of a process does. Prints wall and CPU
seconds (best of --repeat) and what was loaded. Target: well under 2 s.
"""

from __future__ import annotations

import argparse
import time

from tacitus.actors.lexicon import DEFAULT_ACTOR_DICTIONARIES, DEFAULT_AGENT_DICTIONARIES, compile_lexicon


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    wall, cpu = [], []
    for _ in range(args.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        lexicon = compile_lexicon(DEFAULT_ACTOR_DICTIONARIES, DEFAULT_AGENT_DICTIONARIES)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(
        f"{len(lexicon.actors):,} actor entries ({lexicon.actor_phrase_count:,} phrases), "
        f"{len(lexicon.agents):,} agent entries ({lexicon.agent_phrase_count:,} phrases), "
        f"{len(lexicon.city_names):,} city names, {len(lexicon.problems)} unreadable lines"
    )
    print(f"load: {min(wall):.2f} s wall, {min(cpu):.2f} s CPU (best of {args.repeat})")


if __name__ == "__main__":
    main()
