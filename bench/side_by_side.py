#!/usr/bin/env python3
"""Side by side with the peer people pick instead: the Bottender 1.5.5 echo bot (pinned by bench/peer/package-lock.json,
installed from npm) and this app, on the same signed Messenger load, in one run, with ratios.

Both answer the same webhooks (wrk, unique message ids, many senders) and send their replies to the same Graph API
stub (bench/peer/stub/graph-stub.js, which counts them and remembers when the last one came). For each target:

- capacity: messages answered end to end per second, sustained = webhooks acknowledged / time from the load's start
  until the stub got the last reply (the app answers every message as its own turn: BURST_WINDOW_MS=0);
- webhook acks per second and wrk's p50 / p99 latency;
- peak RSS of the target's process during the run.

The app is launched as docker/Dockerfile launches it (its JAVA_TOOL_OPTIONS, `java -jar`, MALLOC_ARENA_MAX=2) on its
embedded defaults (embedded ElasticMQ, H2 file database), with Messenger live against the stub and nothing else.
Targets alternate within each run, so both see the same machine. Results: bench/results/side-by-side-latest.{json,md}.

Usage: bench/side_by_side.py [--duration 15] [--runs 3] [--connections 10,50] [--senders 1000] [--no-build]
                             [--profile]
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  (the harness's helpers: processes, waiting, /proc readings)

PEER = bench.BENCH / "peer"
SECRET = "peer-bench-secret"
VERIFY = "peer-bench-verify"
PAGE_ID = "1000000000000001"
STUB_PORT = 18081
PEER_PORT = 18080


def ensure_tools():
    if shutil.which("wrk") is None:
        bench.log("installing wrk (Debian package)")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)
    if shutil.which("node") is None:
        sys.exit("Node.js is needed for the peer (Debian: apt-get install nodejs npm)")
    modules = PEER / "node_modules"
    if not modules.exists() or modules.stat().st_mtime < (PEER / "package-lock.json").stat().st_mtime:
        bench.log("installing the peer from npm (npm ci, bottender 1.5.5 pinned by the lock file)")
        # --ignore-scripts: only ngrok's postinstall (a download Bottender's `start` never uses) is skipped.
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=PEER, check=True,
                       capture_output=True)


def docker_launch(jar):
    """java -jar with the JAVA_TOOL_OPTIONS docker/Dockerfile sets."""
    dockerfile = (bench.ROOT / "docker" / "Dockerfile").read_text()
    options = re.search(r'ENV JAVA_TOOL_OPTIONS="([^"]*)"', dockerfile).group(1).split()
    return ["java", *options, "-jar", str(jar)]


def start_stub():
    return bench.Process("graph-stub", ["node", str(PEER / "stub" / "graph-stub.js")], PEER,
                         dict(os.environ, STUB_PORT=str(STUB_PORT), PORT=str(STUB_PORT)))


def start_peer():
    env = dict(os.environ, NODE_ENV="production", MESSENGER_ACCESS_TOKEN="peer-bench-page-token",
               MESSENGER_APP_SECRET=SECRET, MESSENGER_VERIFY_TOKEN=VERIFY, MESSENGER_PAGE_ID=PAGE_ID,
               GRAPH_API_ORIGIN=f"http://127.0.0.1:{STUB_PORT}")
    peer = bench.Process("bottender", ["node", str(PEER / "node_modules" / "bottender" / "bin" / "cli.js"), "start",
                                       "--port", str(PEER_PORT)], PEER / "bot", env)
    bench.wait_for(lambda: bench.http_get(
        f"http://127.0.0.1:{PEER_PORT}/webhooks/messenger?hub.mode=subscribe&hub.verify_token={VERIFY}"
        "&hub.challenge=ok")[0] == 200, 60, "Bottender to answer")
    return peer, f"http://127.0.0.1:{PEER_PORT}/webhooks/messenger"


def start_app(jar, profile=False, jvm_opts=()):
    workdir = bench.TMP / "side-by-side-app"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    port = bench.free_port()
    env = {k: v for k, v in os.environ.items()
           if k not in ("SQS_QUEUE_URL", "SQS_ENDPOINT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    env.update({
        "SERVER_PORT": str(port), "MALLOC_ARENA_MAX": "2",
        "ROUTES_INCLUDE_PATTERN": f"file:{bench.ROOT}/routes/**/*.camel.yaml",
        "MESSENGER_ACCESS_TOKEN": "peer-bench-page-token", "MESSENGER_APP_SECRET": SECRET,
        "MESSENGER_VERIFY_TOKEN": VERIFY, "MESSENGER_PAGE_ID": PAGE_ID,
        "GRAPH_API_BASE_URL": f"http://127.0.0.1:{STUB_PORT}",
        # What a live restaurant must set (the app refuses to start on development values).
        "PIX_KEY": "12345678000195", "PIX_MERCHANT_NAME": "Bench Pizzaria",
        "MENU_CATALOG": "classpath:menu/sample-menu.json", "PAYMENT_PROVIDER": "mercadopago",
        "MERCADOPAGO_ACCESS_TOKEN": "bench-mp-token", "MERCADOPAGO_WEBHOOK_SECRET": "bench-mp-secret",
        # Every message its own turn, as the peer answers it; the load is text the bot does not understand, so
        # nobody is handed over to a person.
        "BURST_WINDOW_MS": "0", "OMNICHANNEL_CHATBOT_HANDOFF_AFTER_MISUNDERSTANDINGS": "1000000000",
    })
    launch = docker_launch(jar)
    # Extra JVM options after the Dockerfile's (the last of a repeated option wins): for experiments.
    launch = [launch[0], *launch[1:-2], *jvm_opts, *launch[-2:]]
    if profile:
        # Java Flight Recorder's sampling profiler; bench/profile.py summarises it after the runs.
        launch = [launch[0], f"-XX:StartFlightRecording=filename={bench.TMP / 'side-by-side-app.jfr'},"
                  "settings=profile,dumponexit=true", *launch[1:]]
    app = bench.Process("app", launch, workdir, env)
    bench.wait_for(lambda: bench.http_get(f"http://127.0.0.1:{port}/actuator/health")[0] == 200, 180,
                   "the app to be healthy")
    bench.log(f"app ready on port {port} in {time.time() - app.started:.1f} s (pid {app.proc.pid})")
    return app, f"http://127.0.0.1:{port}/webhooks/messenger", workdir


def stub_stats():
    return json.loads(bench.http_get(f"http://127.0.0.1:{STUB_PORT}/__stats")[1])


def bodies(count, senders):
    path = bench.TMP / "side-by-side-bodies.txt"
    subprocess.run(["node", str(PEER / "load" / "gen-bodies.js"), "--secret", SECRET, "--mode", "unique",
                    "--count", str(count), "--senders", str(senders), "--page-id", PAGE_ID,
                    "--run-id", f"r{time.time_ns()}", "--out", str(path)], check=True, capture_output=True)
    return path


def measure(name, url, pid, connections, duration, senders):
    """One capacity run against one target."""
    body_file = bodies(duration * 3000, senders)
    before = stub_stats()["messages"]
    peak = [0.0]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], bench.rss_mb(pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    cpu_before = bench.cpu_seconds(pid)
    started = time.time()
    result_file = bench.TMP / "side-by-side-wrk.json"
    subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s",
                    str(PEER / "load" / "messenger.lua"), url, "--", str(body_file), "2"],
                   env=dict(os.environ, WRK_RESULT_JSON=str(result_file)), check=True, capture_output=True)
    wrk = json.loads(result_file.read_text())
    acked = wrk["requests"] - wrk["err_status"]
    if acked == 0:
        raise RuntimeError(f"{name} refused every webhook: see {bench.TMP}/{'app' if name == 'app' else name}.log")
    # Until the stub stops receiving replies (10 quiet polls of 0.5 s), at most 10 minutes.
    last, quiet, count = None, 0, -1
    deadline = time.time() + 600
    while quiet < 10 and time.time() < deadline:
        stats = stub_stats()
        if stats["messages"] == count:
            quiet += 1
        else:
            quiet, count, last = 0, stats["messages"], stats["lastAt"]
        time.sleep(0.5)
    stop.set()
    sampler.join()
    replies = count - before
    elapsed = max(0.001, (last / 1000 if last else time.time()) - started)
    row = {"target": name, "connections": connections, "acked": acked, "replies": replies,
           "ack_rps": round(wrk["rps"], 1), "p50_ms": round(wrk["lat_p50_ms"], 1),
           "p99_ms": round(wrk["lat_p99_ms"], 1), "errors": wrk["err_status"] + wrk["err_connect"]
           + wrk["err_read"] + wrk["err_write"] + wrk["err_timeout"],
           "capacity": round(acked / elapsed, 1), "last_reply_after_s": round(elapsed, 1),
           "cpu_ms_per_message": round(1000 * (bench.cpu_seconds(pid) - cpu_before) / max(1, acked), 2),
           "peak_rss_mb": round(peak[0])}
    bench.log(f"{name} c={connections}: {row}")
    return row


def median(rows, key):
    return statistics.median(r[key] for r in rows)


def report(rows, args, data_mb):
    lines = ["# Side by side: this app and Bottender 1.5.5 on the same Messenger load", "",
             f"`bench/side_by_side.py --duration {args.duration} --runs {args.runs} --connections "
             f"{args.connections} --senders {args.senders}`; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
             f"{os.cpu_count()} CPUs. Medians of {args.runs} runs; every message its own turn (BURST_WINDOW_MS=0); "
             "both send their replies to the same Graph API stub on loopback.", "",
             "| connections | target | messages answered/s, sustained | × Bottender | acks/s | p50 ms | p99 ms | "
             "CPU ms per message | peak RSS MB |", "|---|---|---|---|---|---|---|---|---|"]
    for connections in sorted({r["connections"] for r in rows}):
        peer = [r for r in rows if r["target"] == "bottender" and r["connections"] == connections]
        for target in ("bottender", "app"):
            mine = [r for r in rows if r["target"] == target and r["connections"] == connections]
            ratio = median(mine, "capacity") / max(0.001, median(peer, "capacity"))
            lines.append(f"| {connections} | {target} | {median(mine, 'capacity'):,.0f} | {ratio:.2f} | "
                         f"{median(mine, 'ack_rps'):,.0f} | {median(mine, 'p50_ms')} | {median(mine, 'p99_ms')} | "
                         f"{median(mine, 'cpu_ms_per_message')} | {max(r['peak_rss_mb'] for r in mine)} |")
    lines += ["", f"The app's `data/` after the runs: {data_mb} MB.", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", default="10,50")
    parser.add_argument("--senders", type=int, default=1000)
    parser.add_argument("--build", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--output", default=str(bench.RESULTS / "side-by-side-latest"))
    parser.add_argument("--jvm-opts", default="", help="JVM options added after the Dockerfile's, e.g. "
                        "'-XX:ReservedCodeCacheSize=240m'")
    parser.add_argument("--profile", action="store_true",
                        help="record the app with Java Flight Recorder and print where its CPU time goes")
    args = parser.parse_args()
    bench.TMP.mkdir(parents=True, exist_ok=True)
    ensure_tools()
    if args.build:
        bench.log("building the app (./mvnw -B -q -DskipTests package)")
        subprocess.run(["./mvnw", "-B", "-q", "-DskipTests", "package"], cwd=bench.ROOT, check=True)
    jar = sorted((bench.ROOT / "target").glob("pos-modern-omnichannel-*.jar"))[-1]
    started = []
    try:
        stub = start_stub()
        started.append(stub)
        bench.wait_for(lambda: stub_stats() is not None, 30, "the Graph API stub")
        peer, peer_url = start_peer()
        started.append(peer)
        app, app_url, workdir = start_app(jar, args.profile, args.jvm_opts.split())
        started.append(app)
        targets = [("bottender", peer_url, peer.proc.pid), ("app", app_url, app.proc.pid)]
        connections = [int(c) for c in args.connections.split(",")]
        bench.log("warming both up (unmeasured, 10 s each)")
        warmup = [{**measure(name, url, pid, 10, 10, args.senders), "run": 0} for name, url, pid in targets]
        rows = []
        for n in range(args.runs):
            for c in connections:
                for name, url, pid in targets:
                    rows.append({**measure(name, url, pid, c, args.duration, args.senders), "run": n + 1})
        data_mb = round(sum(f.stat().st_size for f in (workdir / "data").rglob("*") if f.is_file()) / 1e6, 1)
        text = report(rows, args, data_mb)
        Path(args.output + ".json").write_text(json.dumps({"settings": vars(args), "warmup": warmup,
                                                           "rows": rows, "data_mb": data_mb}, indent=2))
        Path(args.output + ".md").write_text(text)
        print(text)
    finally:
        for process in reversed(started):
            process.stop()
    if args.profile:
        recording = str(bench.TMP / "side-by-side-app.jfr")
        subprocess.run([sys.executable, str(bench.BENCH / "profile.py"), recording], check=False)
        mine = [r for r in warmup + rows if r["target"] == "app"]
        subprocess.run([sys.executable, str(bench.BENCH / "stages.py"), recording,
                        "--messages", str(sum(r["acked"] for r in mine)),
                        "--cpu-ms-per-message", str(median([r for r in rows if r["target"] == "app"],
                                                           "cpu_ms_per_message"))], check=False)


if __name__ == "__main__":
    main()
