#!/usr/bin/env python3
"""Two commands timed side by side: A and B run in turn (A B A B ...), and the ratio A/B is
taken pair by pair, so that a machine whose speed drifts during the run still gives a
meaningful ratio. Whole-process figures from wait4(2): wall time and CPU time (user +
system, children included). Peak memory is not reported: Linux counts a spawned child's
memory before its exec, which here is this script's; use `/usr/bin/time -v` for it.

usage: bench/pairs.py [-n RUNS] [--warmup K] [--timeout S] --vs 'COMMAND B' -- COMMAND A...
A command is split as a shell splits words (shlex); give `sh -c '…'` for a pipe.
"""
import argparse
import os
import shlex
import statistics
import sys
import time


def run(argv, timeout):
    quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)]
    start = time.perf_counter()
    child = os.posix_spawnp(argv[0], argv, os.environ, file_actions=quiet)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(child, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            os.kill(child, 9)
            os.wait4(child, 0)
            sys.exit(f"timed out after {timeout} s: {shlex.join(argv)}")
        time.sleep(0.0005)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"exit {code}: {shlex.join(argv)}")
    return wall, usage.ru_utime + usage.ru_stime


def summary(xs):
    return statistics.median(xs), min(xs), max(xs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=20, help="pairs (default 20)")
    ap.add_argument("--warmup", type=int, default=1, help="pairs run first and not counted")
    ap.add_argument("--timeout", type=float, default=600, help="seconds a command may take")
    ap.add_argument("--vs", required=True, help="command B, the yardstick")
    ap.add_argument("a", nargs=argparse.REMAINDER, help="-- command A")
    args = ap.parse_args()
    a = args.a[1:] if args.a[:1] == ["--"] else args.a
    b = shlex.split(args.vs)
    if not a:
        ap.error("no command A after --")
    for _ in range(args.warmup):
        run(a, args.timeout)
        run(b, args.timeout)
    rows = [(run(a, args.timeout), run(b, args.timeout)) for _ in range(args.n)]
    for name, i in (("A", 0), ("B", 1)):
        wall = summary([r[i][0] * 1000 for r in rows])
        cpu = summary([r[i][1] * 1000 for r in rows])
        print(f"{name}  wall {wall[0]:.1f} ms ({wall[1]:.1f}–{wall[2]:.1f})   "
              f"cpu {cpu[0]:.1f} ms ({cpu[1]:.1f}–{cpu[2]:.1f})")
    wall = summary([r[0][0] / r[1][0] for r in rows])
    cpu = summary([r[0][1] / r[1][1] for r in rows if r[1][1] > 0] or [float("nan")])
    print(f"A/B  wall {wall[0]:.2f}x ({wall[1]:.2f}–{wall[2]:.2f})   "
          f"cpu {cpu[0]:.2f}x ({cpu[1]:.2f}–{cpu[2]:.2f})   {args.n} pairs")


if __name__ == "__main__":
    main()
