#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples: share per thread and per method on the stack.

    java -XX:StartFlightRecording=filename=rec.jfr,settings=profile ...   (or --server-jvm-args)
    python3 bench/profile-summary.py rec.jfr [substring ...]
"""
import collections, re, subprocess, sys

text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", sys.argv[1]],
                      capture_output=True, text=True, check=True).stdout
filters = sys.argv[2:]
threads, inclusive, self_time = collections.Counter(), collections.Counter(), collections.Counter()
n = 0
for event in text.split("jdk.ExecutionSample")[1:]:
    frames = re.findall(r"^\s+([\w.$<>]+)\(", event, re.M)
    if not frames:
        continue
    n += 1
    thread = re.search(r'sampledThread = "([^"]+)"', event)
    threads[re.sub(r"\d+", "N", thread.group(1)) if thread else "?"] += 1
    self_time[frames[0]] += 1
    for method in {".".join(f.split(".")[-2:]) for f in frames}:
        inclusive[method] += 1
print(f"{n} samples")
for name, c in threads.most_common(10):
    print(f"{100 * c / n:5.1f}%  thread {name}")
for name, c in inclusive.most_common(400):
    if not filters or any(s in name for s in filters):
        print(f"{100 * c / n:5.1f}%  on stack  {name}")
print("top self:")
for name, c in self_time.most_common(15):
    print(f"{100 * c / n:5.1f}%  {name}")
