#!/usr/bin/env python3
"""Where a turn's CPU goes, by stage, from a Java Flight Recorder file of a load run (bench/side_by_side.py --profile
or bench/run.py --profile): execution samples after start-up, each given to the first stage its stack matches, and
the JIT compiler's and the garbage collector's time from their own events.

Usage: python3 bench/stages.py recording.jfr --messages N --cpu-ms-per-message X [--skip-s 30]
(N and X from the run's report: the share of samples in each stage is turned into milliseconds per message.)
"""
import argparse
import collections
import re
import subprocess
from datetime import datetime

# First match wins; a stage is recognised by a thread name or by a frame on the stack.
STAGES = [
    ("webhook (HTTP, security, signature, canonical message)", ("thread", r"http-nio|qtp|jetty|task-")),
    ("queue send (SQS client, batching)", ("thread", r"sqs-batch-sender")),
    ("queue receive and delete (SQS client)", ("thread", r"sqs-batch-delete")),
    ("embedded queue server (ElasticMQ, Pekko HTTP)", ("thread", r"elasticmq|pekko")),
    ("reply sending (HTTP to the platform)", ("frame", r"org\.apache\.hc\.|org\.apache\.http\.|HttpProducer")),
    ("turn transaction (JDBC, H2, pool)", ("frame", r"org\.h2\.|com\.zaxxer\.|org\.springframework\.jdbc\.")),
    ("rendering and conversation logic (app)", ("frame", r"com\.posmodern\.omnichannel\.(chatbot|channel|canonical)")),
    ("queue receive (SQS client polling)", ("frame", r"software\.amazon\.awssdk\.")),
    ("Camel routing and type conversion", ("frame", r"org\.apache\.camel\.")),
    ("timers and other", ("thread", r".")),
]


def samples(recording):
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", recording],
                          capture_output=True, text=True, check=True).stdout
    for event in text.split("jdk.ExecutionSample")[1:]:
        time = re.search(r"startTime = ([\d:.]+)", event)
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        frames = re.findall(r"^\s+([\w.$<>/]+)\(", event, re.M)
        yield (time.group(1) if time else None, thread.group(1) if thread else "", frames)


def seconds(stamp):
    return datetime.strptime(stamp[:12], "%H:%M:%S.%f").timestamp() if "." in stamp else \
        datetime.strptime(stamp, "%H:%M:%S").timestamp()


def durations(recording, event):
    text = subprocess.run(["jfr", "print", "--events", event, recording], capture_output=True, text=True,
                          check=True).stdout
    total = 0.0
    for value, unit in re.findall(r"duration = ([\d.]+) (ms|s|us)", text):
        total += float(value) * {"ms": 1, "s": 1000, "us": 0.001}[unit]
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("recording")
    parser.add_argument("--messages", type=int, required=True)
    parser.add_argument("--cpu-ms-per-message", type=float, required=True)
    parser.add_argument("--skip-s", type=float, default=30, help="seconds of start-up to leave out")
    args = parser.parse_args()
    all_samples = list(samples(args.recording))
    first = min(seconds(t) for t, _, _ in all_samples if t)
    counts = collections.Counter()
    for stamp, thread, frames in all_samples:
        if not stamp or seconds(stamp) - first < args.skip_s or thread in ("main", "background-preinit"):
            continue
        stack = " ".join(frames)
        for name, (kind, pattern) in STAGES:
            if (kind == "thread" and re.search(pattern, thread)) or (kind == "frame" and re.search(pattern, stack)):
                counts[name] += 1
                break
    total = sum(counts.values())
    jit_ms = durations(args.recording, "jdk.Compilation")
    gc_ms = durations(args.recording, "jdk.GarbageCollection")
    print(f"{total} samples after start-up; {args.messages} messages; {args.cpu_ms_per_message} ms CPU per message")
    print("| stage | share of samples | ms CPU per message |")
    print("|---|---|---|")
    for name, _ in STAGES:
        share = counts[name] / max(1, total)
        print(f"| {name} | {share:.0%} | {share * args.cpu_ms_per_message:.2f} |")
    print(f"| JIT compilation (jdk.Compilation, wall time of compiler threads) | | {jit_ms / args.messages:.2f} |")
    print(f"| garbage collection pauses (jdk.GarbageCollection) | | {gc_ms / args.messages:.2f} |")


if __name__ == "__main__":
    main()
