#!/usr/bin/env python3
"""Where the app's CPU time goes, from a Java Flight Recorder file (bench/run.py --profile writes one per mode).

Reads the recording's execution samples with the JDK's `jfr` tool and prints: samples per thread pool, the layers
that spend them (inclusive: a sample counts for every layer on its stack), the hottest methods by self time, and
one package's methods (the app's by default) by inclusive time.
Usage: python3 bench/profile.py recording.jfr [--top N] [--package org.elasticmq.]
"""
import argparse
import collections
import json
import re
import subprocess
import sys

# First match wins for the "self" layer; inclusive counts every layer present on the stack.
LAYERS = [
    ("logging (logback)", ("ch.qos.logback.", "org.slf4j.")),
    ("JSON (Jackson)", ("com.fasterxml.jackson.",)),
    ("database (H2)", ("org.h2.",)),
    ("database (PostgreSQL driver)", ("org.postgresql.",)),
    ("connection pool (Hikari)", ("com.zaxxer.hikari.",)),
    ("transactions and JDBC (Spring)", ("org.springframework.jdbc.", "org.springframework.transaction.")),
    ("AWS SDK (SQS client)", ("software.amazon.awssdk.",)),
    ("Apache HTTP client", ("org.apache.http.",)),
    ("JDK HTTP client", ("jdk.internal.net.http.", "java.net.http.")),
    ("Twilio SDK", ("com.twilio.",)),
    ("ElasticMQ (embedded queue)", ("org.elasticmq.",)),
    ("Pekko (ElasticMQ's HTTP and actors)", ("org.apache.pekko.",)),
    ("Scala runtime", ("scala.",)),
    ("Camel", ("org.apache.camel.",)),
    ("Tomcat", ("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.")),
    ("Spring Security", ("org.springframework.security.",)),
    ("Spring web", ("org.springframework.web.",)),
    ("Micrometer", ("io.micrometer.",)),
    ("crypto (MAC, digests)", ("javax.crypto.", "sun.security.", "com.sun.crypto.")),
    ("regular expressions", ("java.util.regex.",)),
    ("app code", ("com.posmodern.",)),
]


def layer_of(frame):
    for name, prefixes in LAYERS:
        if frame.startswith(prefixes):
            return name
    return None


def pool_of(thread):
    # "http-nio-8080-exec-12" -> "http-nio-#-exec-#"
    return re.sub(r"\d+", "#", thread or "?")


def frames_of(event):
    stack = event["values"].get("stackTrace") or {}
    frames = []
    for frame in stack.get("frames", []):
        method = frame["method"]
        frames.append(f"{method['type']['name']}.{method['name']}")
    return frames


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("recording")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--package", default="com.posmodern.",
                        help="whose methods the last table lists by inclusive time (org.elasticmq. for the queue server)")
    args = parser.parse_args()
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample",
                          args.recording], capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    if not events:
        sys.exit("no execution samples in the recording")
    total = len(events)
    pools = collections.Counter()
    self_methods = collections.Counter()
    self_layers = collections.Counter()
    inclusive_layers = collections.Counter()
    app_inclusive = collections.Counter()
    for event in events:
        thread = (event["values"].get("sampledThread") or {}).get("javaName")
        pools[pool_of(thread)] += 1
        frames = [f.replace("/", ".") for f in frames_of(event)]
        if not frames:
            continue
        self_methods[frames[0]] += 1
        self_layers[next((layer for layer in map(layer_of, frames) if layer), "JDK and other")] += 1
        for layer in {layer_of(f) for f in frames} - {None}:
            inclusive_layers[layer] += 1
        for method in {f for f in frames if f.startswith(args.package)}:
            app_inclusive[method] += 1

    def table(title, counter, limit):
        print(f"\n{title}")
        for name, count in counter.most_common(limit):
            print(f"  {100 * count / total:5.1f}%  {name}")

    print(f"{total} execution samples (Java code on CPU) in {args.recording}")
    table("Samples by thread pool", pools, args.top)
    table("Layers, inclusive (a sample counts for each layer on its stack)", inclusive_layers, len(LAYERS))
    table("Layers, self (the innermost known layer of each sample)", self_layers, len(LAYERS) + 1)
    table("Hottest methods, self time", self_methods, args.top)
    table(f"Methods of {args.package}*, inclusive time", app_inclusive, args.top)


if __name__ == "__main__":
    main()
