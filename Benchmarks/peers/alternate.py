#!/usr/bin/env python3
"""Whole-process timing of two commands run alternately (A B A B ...): wall time, CPU time
(user + system) and peak resident memory of each run, medians, and the ratio B / A.

    python3 Benchmarks/peers/alternate.py --pairs 5 --a 'geotwin ...' --b 'python3 peer.py ...'
    python3 Benchmarks/peers/alternate.py --setup 'rm -f a.* b.*' --a 'geotwin convert in.gpkg a.fgb' --b '...'

--setup runs (untimed) before every timed run: with it each write makes a new file, without it
each write replaces the file the run before wrote.

Each command is started directly (split as a shell splits words, as `hyperfine -N` and
farm-bench start theirs) when it holds no shell syntax, else through /bin/sh; --shell starts
both through /bin/sh, as this script did before 2026-12-02 (Debian's dash then forks and waits
rather than replacing itself: about 1 ms more for each side, a share of a 25 ms command's time
but not of a 250 ms one's). stdout is discarded; CPU time and peak RSS come from wait4() on the
child (a shell's children included). Prints a Markdown table.
"""
import argparse
import os
import shlex
import statistics
import subprocess
import time

SHELL_SYNTAX = set("|&;<>()$`\\\"'*?[]#~=%{}!")
FORCE_SHELL = False


def argv(cmd):
    """The command's words when it can start without a shell, else None."""
    if FORCE_SHELL or any(c in SHELL_SYNTAX for c in cmd):
        return None
    return shlex.split(cmd)


def run(cmd, setup=None):
    if setup:
        subprocess.run(setup, shell=True, check=True, stdout=subprocess.DEVNULL)
    words = argv(cmd)
    start = time.perf_counter()
    if words is None:
        proc = subprocess.Popen(cmd, shell=True, stdout=subprocess.DEVNULL)
    else:
        proc = subprocess.Popen(words, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed ({status}): {cmd}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--a", required=True, help="GeoTwin's command")
    ap.add_argument("--b", required=True, help="the peer's command")
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--setup", default=None, help="a command run, untimed, before every run of either side")
    ap.add_argument("--shell", action="store_true", help="start both commands through /bin/sh (the old way)")
    args = ap.parse_args()
    global FORCE_SHELL
    FORCE_SHELL = args.shell
    for _ in range(args.warmup):
        run(args.a, args.setup)
        run(args.b, args.setup)
    a, b = [], []
    for _ in range(args.pairs):
        a.append(run(args.a, args.setup))
        b.append(run(args.b, args.setup))
    med = lambda rows, k: statistics.median(r[k] for r in rows)
    print("| measure | GeoTwin median | peer median | ratio peer/GeoTwin |")
    print("| --- | ---: | ---: | ---: |")
    for k, name, unit in ((0, "wall", "s"), (1, "CPU user+sys", "s"), (2, "peak RSS", "MB")):
        x, y = med(a, k), med(b, k)
        fmt = "{:.3f}" if unit == "s" else "{:.0f}"
        print(f"| {name} | {fmt.format(x)} {unit} | {fmt.format(y)} {unit} | {y / x:.1f} |")
    print(f"pairs={args.pairs}; GeoTwin wall: {', '.join(f'{r[0]:.3f}' for r in a)}; "
          f"peer wall: {', '.join(f'{r[0]:.3f}' for r in b)}")


if __name__ == "__main__":
    main()
