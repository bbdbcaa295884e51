#!/usr/bin/env python3
"""Benchmark harness for POS Modern Omnichannel (standard library only; run through bench/run.sh).

Builds and starts the app on its embedded defaults (and in external-queue mode against an ElasticMQ server in its
own process), sends its replies to a local platform stub that counts them and can add latency, drives signed
webhook load with wrk for each channel at several concurrency levels, and measures the same load against a bare
200 endpoint of the same stack as the baseline, then runs the two halves apart (webhooks with the consumers stopped,
then the consumers alone). Writes bench/results/latest.json and latest.md (medians of runs).
"""
import argparse
import base64
import json
import os
import platform
import resource
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
TMP = RESULTS / "tmp"
OPERATOR = ("operator", "bench-operator-password")
SECRETS = {"whatsapp": "bench-twilio-auth-token", "messenger": "bench-messenger-app-secret",
           "instagram": "bench-instagram-app-secret", "baseline": "bench-messenger-app-secret"}


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url, timeout=2):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read().decode()


def http_post(url):
    request = urllib.request.Request(url, data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.read()


def jolokia(port, requests):
    """Bulk Jolokia requests with the operator account (the app's JMX over HTTP, as Hawtio uses it)."""
    token = base64.b64encode(f"{OPERATOR[0]}:{OPERATOR[1]}".encode()).decode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/actuator/jolokia", data=json.dumps(requests).encode(),
                                     method="POST", headers={"Authorization": f"Basic {token}",
                                                             "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        answers = json.loads(response.read())
    failed = [a for a in answers if a.get("status") != 200]
    if failed:
        raise RuntimeError(f"jolokia refused: {failed}")
    return answers


def consumers(port, operation):
    """Stops or starts the app's inbound consumer routes (chatbot-consume-<shard>)."""
    found = jolokia(port, [{"type": "search", "mbean": "org.apache.camel:type=routes,*"}])[0]["value"]
    routes = [name for name in found if 'name="chatbot-consume-' in name]
    if not routes:
        raise RuntimeError(f"no chatbot-consume routes among {found}")
    jolokia(port, [{"type": "exec", "mbean": name, "operation": f"{operation}()"} for name in routes])


def wait_for(predicate, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if predicate():
                return
        except Exception:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"timed out waiting for {what}")


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def cpu_seconds(pid):
    """User + system CPU time a process has used so far (from /proc/<pid>/stat)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except FileNotFoundError:
        return 0.0


def children_cpu_seconds():
    """CPU time of the finished child processes (wrk) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (FileNotFoundError, StopIteration):
        pass
    with open("/proc/meminfo") as info:
        mem_kb = int(next(line.split()[1] for line in info if line.startswith("MemTotal")))
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory_gb": round(mem_kb / 1024 / 1024, 1), "kernel": platform.release(),
            "java": java, "wrk": wrk.split(" Copyright")[0]}


class Process:
    def __init__(self, name, args, cwd, env=None, log_file=None):
        self.name = name
        self.log_path = TMP / f"{name}.log" if log_file is None else log_file
        self.log = open(self.log_path, "w")
        self.started = time.time()
        self.proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()


def build():
    log("building the app (./mvnw -B -q -DskipTests package)")
    subprocess.run(["./mvnw", "-B", "-q", "-DskipTests", "package"], cwd=ROOT, check=True)
    jars = sorted((ROOT / "target").glob("pos-modern-omnichannel-*.jar"))
    if not jars:
        sys.exit("no jar under target/")
    classpath = TMP / "classpath.txt"
    subprocess.run(["./mvnw", "-B", "-q", "dependency:build-classpath", f"-Dmdep.outputFile={classpath}"],
                   cwd=ROOT, check=True)
    return jars[-1], classpath.read_text().strip()


def prepare_launch(jar, heap, jvm_opts, cds=True):
    """The production launch: the jar extracted and (unless cds is off) a class-data-sharing archive from a
    training run."""
    extracted = TMP / "extracted"
    subprocess.run(["rm", "-rf", str(extracted)], check=True)
    subprocess.run(["java", "-Djarmode=tools", "-jar", str(jar), "extract", "--destination", str(extracted)],
                   check=True, capture_output=True)
    app_jar = extracted / jar.name
    if not cds:
        return ["java", f"-Xmx{heap}", *jvm_opts, "-jar", str(app_jar)]
    archive = TMP / "app.jsa"
    training = TMP / "cds-training"
    subprocess.run(["rm", "-rf", str(training)], check=True)
    training.mkdir(parents=True)
    env = dict(os.environ, EMBEDDED_SQS_PORT="0", SERVER_PORT=str(free_port()),
               ROUTES_INCLUDE_PATTERN=f"file:{ROOT}/routes/**/*.camel.yaml")
    log("training the class-data-sharing archive")
    subprocess.run(["java", f"-Xmx{heap}", *jvm_opts, f"-XX:ArchiveClassesAtExit={archive}",
                    "-Dspring.context.exit=onRefresh", "-jar", str(app_jar)],
                   cwd=training, env=env, check=True, capture_output=True)
    return ["java", f"-Xmx{heap}", *jvm_opts, f"-XX:SharedArchiveFile={archive}", "-jar", str(app_jar)]


def start_app(launch, mode, stub_port, elasticmq_port, name=None, profile=False):
    name = name or f"app-{mode}"
    if profile:
        # Java Flight Recorder's sampling profiler, summarised by bench/profile.py after the mode's runs.
        recording = TMP / f"{name}.jfr"
        launch = [launch[0], f"-XX:StartFlightRecording=filename={recording},settings=profile,dumponexit=true",
                  *launch[1:]]
    workdir = TMP / name
    subprocess.run(["rm", "-rf", str(workdir)], check=True)
    workdir.mkdir(parents=True)
    port = free_port()
    stub = f"http://127.0.0.1:{stub_port}"
    env = dict(os.environ)
    env.update({
        "SERVER_PORT": str(port),
        "ROUTES_INCLUDE_PATTERN": f"file:{ROOT}/routes/**/*.camel.yaml,file:{BENCH}/routes/*.camel.yaml",
        "TWILIO_ACCOUNT_SID": "ACbench", "TWILIO_AUTH_TOKEN": SECRETS["whatsapp"], "TWILIO_API_BASE_URL": stub,
        "MESSENGER_ACCESS_TOKEN": "bench-page-token", "MESSENGER_APP_SECRET": SECRETS["messenger"],
        "MESSENGER_VERIFY_TOKEN": "bench-verify",
        "INSTAGRAM_ACCESS_TOKEN": "bench-ig-token", "INSTAGRAM_APP_SECRET": SECRETS["instagram"],
        "INSTAGRAM_VERIFY_TOKEN": "bench-verify",
        "GRAPH_API_BASE_URL": f"{stub}/graph", "INSTAGRAM_API_BASE_URL": f"{stub}/instagram",
        "EMBEDDED_SQS_PORT": "0",
        # As docker/Dockerfile launches it.
        "MALLOC_ARENA_MAX": "2",
        # Every channel is live against the stub, so the app runs as a live restaurant must (the sandbox is off):
        # its own PIX key, menu, sender and card provider (Mercado Pago, called only when a customer pays by card).
        "TWILIO_PHONE_NUMBER": "+5511999990000", "PIX_KEY": "12345678000195", "PIX_MERCHANT_NAME": "Bench Pizzaria",
        "MENU_CATALOG": "classpath:menu/sample-menu.json", "PAYMENT_PROVIDER": "mercadopago",
        "MERCADOPAGO_ACCESS_TOKEN": "bench-mp-token", "MERCADOPAGO_WEBHOOK_SECRET": "bench-mp-secret",
        "MERCADOPAGO_API_BASE_URL": f"{stub}/mercadopago",
        # Jolokia, for the split runs that stop and start the consumers.
        "OPERATOR_USERNAME": OPERATOR[0], "OPERATOR_PASSWORD": OPERATOR[1],
        # The load is messages the bot does not understand (it quotes them back, which measures the lag): never hand
        # these customers over to a person.
        "OMNICHANNEL_CHATBOT_HANDOFF_AFTER_MISUNDERSTANDINGS": "1000000000",
    })
    for key in ["SQS_QUEUE_URL", "SQS_ENDPOINT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]:
        env.pop(key, None)
    if mode == "external":
        env.update({"SQS_ENDPOINT": f"http://127.0.0.1:{elasticmq_port}", "AWS_ACCESS_KEY_ID": "bench",
                    "AWS_SECRET_ACCESS_KEY": "bench"})
    app = Process(name, launch, workdir, env)
    wait_for(lambda: http_get(f"http://127.0.0.1:{port}/actuator/health")[0] == 200, 120, "the app to be healthy")
    cold_start = time.time() - app.started
    log(f"{mode}: app ready on port {port} in {cold_start:.1f} s (pid {app.proc.pid})")
    return app, port, cold_start


def wrk(port, channel, connections, duration, run_id, senders):
    env = dict(os.environ)
    env.update({"CHANNEL": channel, "SECRET": SECRETS[channel], "SENDERS": str(senders), "RUN_ID": run_id,
                "PUBLIC_URL": f"http://127.0.0.1:{port}/webhooks/whatsapp"})
    path = "/webhooks/bench-baseline" if channel == "baseline" else f"/webhooks/{channel}"
    out = subprocess.run(["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s",
                          "-s", str(BENCH / "lua" / "webhooks.lua"), f"http://127.0.0.1:{port}{path}"],
                         env=env, capture_output=True, text=True)
    if out.returncode != 0 or "BENCH_RESULT" not in out.stdout:
        raise RuntimeError(f"wrk failed: {out.stdout}\n{out.stderr}")
    out = out.stdout
    line = next(l for l in out.splitlines() if l.startswith("BENCH_RESULT "))
    result = json.loads(line[len("BENCH_RESULT "):])
    seconds = result["duration_us"] / 1e6
    ok = sum(count for status, count in result["statuses"].items() if status.startswith("2"))
    return {
        "acks_per_s": ok / seconds,
        "requests": result["requests"],
        "latency_ms": {k: v / 1000 for k, v in result["latency_us"].items()},
        "errors": {**{s: c for s, c in result["statuses"].items() if not s.startswith("2")},
                   **{k: v for k, v in result["socket_errors"].items() if v}},
        "acknowledged": ok,
    }


def drain(stub_port, started_ms, timeout):
    last, stable_since = -1, time.time()
    deadline = time.time() + timeout
    while time.time() < deadline:
        stats = json.loads(http_get(f"http://127.0.0.1:{stub_port}/stats")[1])
        if stats["replies"] != last:
            last, stable_since = stats["replies"], time.time()
        elif time.time() - stable_since > 3:
            break
        time.sleep(0.5)
    window = max(1, stats["last_at"] - started_ms) / 1000 if stats["replies"] else 1
    return {"replies": stats["replies"], "replies_per_s": stats["replies"] / window,
            "lag_ms": stats["lag_ms"], "lag_samples": stats["lag_samples"], "drain_s": round(window, 1)}


def split_run(port, stub_port, processes, channel, connections, args, run_id):
    """The two halves apart: webhook load with the consumers stopped (what the webhook edge alone acknowledges),
    then the consumers started on that backlog with no webhook load (what they alone reply)."""
    def cpu():
        return {name: cpu_seconds(pid) for name, pid in processes.items()}

    def per_message(after, before, messages):
        return {name: round(1000 * (after[name] - before[name]) / max(1, messages), 3) for name in before}

    consumers(port, "stop")
    before = cpu()
    run = wrk(port, channel, connections, args.duration, run_id, args.senders)
    queued = cpu()
    http_post(f"http://127.0.0.1:{stub_port}/reset")
    started_ms = int(time.time() * 1000)
    consumers(port, "start")
    wait_for(lambda: json.loads(http_get(f"http://127.0.0.1:{stub_port}/stats")[1])["replies"] > 0, 60,
             "the restarted consumers' first reply")
    run.update(drain(stub_port, started_ms, args.drain_timeout))
    drained = cpu()
    # The bot answers a customer's burst of messages in one turn, so replies undercount the messages consumed.
    run["consumed_per_s"] = run["acknowledged"] / run["drain_s"]
    run["cpu_split"] = {"webhooks": per_message(queued, before, run["acknowledged"]),
                        "consumers": per_message(drained, queued, run["acknowledged"])}
    log(f"split {channel} c={connections}: {run['acks_per_s']:.0f} acks/s with the consumers stopped, then "
        f"{run['consumed_per_s']:.0f} messages/s and {run['replies_per_s']:.0f} replies/s draining "
        f"{run['acknowledged']} messages")
    return run


def median_of(runs):
    def med(values):
        return round(statistics.median(values), 2)
    merged = {"acks_per_s": med([r["acks_per_s"] for r in runs]),
              "latency_ms": {k: med([r["latency_ms"][k] for r in runs]) for k in ["p50", "p90", "p99", "max"]},
              "errors": {}, "runs": len(runs)}
    for r in runs:
        for k, v in r["errors"].items():
            merged["errors"][k] = merged["errors"].get(k, 0) + v
    for key in ["replies_per_s", "rss_mb", "consumed_per_s"]:
        if key in runs[0]:
            merged[key] = med([r[key] for r in runs])
    if "cpu_ms_per_message" in runs[0]:
        merged["cpu_ms_per_message"] = {k: med([r["cpu_ms_per_message"][k] for r in runs])
                                        for k in runs[0]["cpu_ms_per_message"]}
    if "lag_ms" in runs[0]:
        merged["lag_ms"] = {k: med([r["lag_ms"][k] for r in runs]) for k in ["p50", "p99"]}
    return merged


def measure_mode(mode, launch, classpath, args, stub_port, stub_pid):
    elasticmq = None
    elasticmq_port = None
    if mode == "external":
        elasticmq_port = free_port()
        storage = TMP / "elasticmq-data"
        subprocess.run(["rm", "-rf", str(storage)], check=True)
        storage.mkdir(parents=True)
        recording = [f"-XX:StartFlightRecording=filename={TMP / 'elasticmq.jfr'},settings=profile,dumponexit=true"] \
            if args.profile else []
        elasticmq = Process("elasticmq", ["java", *recording, "-Xmx512m", "-cp", classpath, str(BENCH / "java" / "ElasticMqServer.java"),
                                          str(ROOT / "docker" / "elasticmq.conf"), str(elasticmq_port), str(storage)], ROOT)
        wait_for(lambda: socket.create_connection(("127.0.0.1", elasticmq_port), 1).close() is None, 60, "ElasticMQ")
        time.sleep(2)
    app, port, cold_start = start_app(launch, mode, stub_port, elasticmq_port, profile=args.profile)
    result = {"cold_start_s": round(cold_start, 2), "baseline": {}, "channels": {}}
    try:
        log(f"{mode}: warming up")
        wrk(port, "baseline", 50, 5, f"warm-{mode}-b", args.senders)
        wrk(port, "messenger", 50, 5, f"warm-{mode}-m", args.senders)
        drain(stub_port, int(time.time() * 1000), args.drain_timeout)
        for connections in args.connections:
            runs = [wrk(port, "baseline", connections, args.duration, f"base-{mode}-{connections}-{i}", args.senders)
                    for i in range(args.runs)]
            result["baseline"][str(connections)] = median_of(runs)
            log(f"{mode}: baseline c={connections}: {result['baseline'][str(connections)]['acks_per_s']:.0f} req/s")
        peak_rss = 0.0
        processes = {"app": app.proc.pid, "stub": stub_pid}
        if elasticmq:
            processes["elasticmq"] = elasticmq.proc.pid
        for channel in args.channels:
            result["channels"][channel] = {}
            for connections in args.connections:
                runs = []
                for i in range(args.runs):
                    http_post(f"http://127.0.0.1:{stub_port}/reset")
                    started_ms = int(time.time() * 1000)
                    sampler_stop = time.time() + args.duration
                    rss = [rss_mb(app.proc.pid)]
                    cpu_before = {name: cpu_seconds(pid) for name, pid in processes.items()}
                    cpu_before["wrk"] = children_cpu_seconds()
                    run = wrk(port, channel, connections, args.duration, f"{mode}-{channel}-{connections}-{i}-{started_ms}",
                              args.senders)
                    rss.append(rss_mb(app.proc.pid))
                    run.update(drain(stub_port, started_ms, args.drain_timeout))
                    rss.append(rss_mb(app.proc.pid))
                    run["rss_mb"] = round(max(rss), 1)
                    # CPU each process spent per acknowledged message, from the load's start until the replies
                    # stopped: where the 2 shared cores go.
                    cpu_after = {name: cpu_seconds(pid) for name, pid in processes.items()}
                    cpu_after["wrk"] = children_cpu_seconds()
                    run["cpu_ms_per_message"] = {
                        name: round(1000 * (cpu_after[name] - cpu_before[name]) / max(1, run["acknowledged"]), 3)
                        for name in cpu_before}
                    peak_rss = max(peak_rss, run["rss_mb"])
                    runs.append(run)
                    log(f"{mode}: {channel} c={connections} run {i + 1}: {run['acks_per_s']:.0f} acks/s, "
                        f"p99 {run['latency_ms']['p99']:.1f} ms, {run['replies_per_s']:.0f} replies/s, "
                        f"lag p50 {run['lag_ms']['p50']} ms, errors {run['errors'] or 'none'}, rss {run['rss_mb']} MB")
                result["channels"][channel][str(connections)] = median_of(runs)
        result["peak_rss_mb"] = peak_rss
        if args.split_connections:
            result["split"] = {}
            for channel in args.channels:
                runs = [split_run(port, stub_port, processes, channel, args.split_connections, args,
                                  f"split-{mode}-{channel}-{i}-{int(time.time() * 1000)}") for i in range(args.runs)]
                split = median_of(runs)
                split["cpu_ms_per_message"] = {
                    part: {name: round(statistics.median(r["cpu_split"][part][name] for r in runs), 2)
                           for name in runs[0]["cpu_split"][part]} for part in ["webhooks", "consumers"]}
                result["split"][channel] = split
    finally:
        app.stop()
        if elasticmq:
            elasticmq.stop()
    if args.profile:
        recordings = [("app", TMP / f"app-{mode}.jfr", "com.posmodern.")]
        if elasticmq:
            recordings.append(("elasticmq", TMP / "elasticmq.jfr", "org.elasticmq."))
        for process, recording, package in recordings:
            summary = subprocess.run([sys.executable, str(BENCH / "profile.py"), str(recording), "--package", package],
                                     capture_output=True, text=True, check=True).stdout
            Path(args.output + f"-profile-{mode}-{process}.txt").write_text(summary)
            log(f"{mode}: where the {process}'s CPU time goes: {args.output}-profile-{mode}-{process}.txt")
    for channel, by_connections in result["channels"].items():
        for connections, m in by_connections.items():
            base = result["baseline"][connections]["acks_per_s"]
            m["ack_ratio"] = round(m["acks_per_s"] / base, 3) if base else None
            m["reply_ratio"] = round(m["replies_per_s"] / base, 3) if base else None
    for channel, m in result.get("split", {}).items():
        base = result["baseline"].get(str(args.split_connections), {}).get("acks_per_s")
        m["ack_ratio"] = round(m["acks_per_s"] / base, 3) if base else None
        m["reply_ratio"] = round(m["replies_per_s"] / base, 3) if base else None
        m["consumed_ratio"] = round(m["consumed_per_s"] / base, 3) if base else None
    return result


def cpu_cell(cpu):
    if not cpu:
        return "–"
    queue = f"{cpu['elasticmq']:.2f}" if "elasticmq" in cpu else "(in app)"
    return f"{cpu['app']:.2f} / {queue} / {cpu['stub']:.2f} / {cpu['wrk']:.2f}"


def markdown(report):
    lines = [f"Machine: {report['machine']['cpus']} CPUs ({report['machine']['cpu']}), {report['machine']['memory_gb']} GB, "
             f"{report['machine']['java']}; {report['settings']['runs']} runs of {report['settings']['duration_s']} s, medians; "
             f"stub latency {report['settings']['stub_latency_ms']} ms; {report['finished']}.",
             "", f"Cold start to a healthy app: {report['cold_start_fat_jar_s']} s as a fat jar (`java -jar`), "
             "the per-mode figures below with the extracted jar" +
             (" and a class-data-sharing archive" if report["settings"].get("cds", True) else ", no class-data sharing") +
             f"; heap -Xmx{report['settings']['heap']}.", ""]
    for mode, result in report["modes"].items():
        lines.append(f"**{mode} queue** — cold start {result['cold_start_s']} s, peak RSS {result.get('peak_rss_mb', 0):.0f} MB")
        lines.append("")
        lines.append("| channel | conns | acks/s | × baseline | p50 / p90 / p99 / max ms | replies/s | × baseline | ack→reply p50 / p99 ms | CPU ms per message: app / queue / stub / wrk | errors |")
        lines.append("|---|---|---|---|---|---|---|---|---|---|")
        for connections, base in result["baseline"].items():
            l = base["latency_ms"]
            lines.append(f"| baseline (bare 200) | {connections} | {base['acks_per_s']:.0f} | 1.00 | "
                         f"{l['p50']:.1f} / {l['p90']:.1f} / {l['p99']:.1f} / {l['max']:.0f} | – | – | – | "
                         f"– | {base['errors'] or '–'} |")
        for channel, by_connections in result["channels"].items():
            for connections, m in by_connections.items():
                l = m["latency_ms"]
                lines.append(f"| {channel} | {connections} | {m['acks_per_s']:.0f} | {m['ack_ratio']:.2f} | "
                             f"{l['p50']:.1f} / {l['p90']:.1f} / {l['p99']:.1f} / {l['max']:.0f} | {m['replies_per_s']:.0f} | "
                             f"{m['reply_ratio']:.2f} | {m['lag_ms']['p50']:.0f} / {m['lag_ms']['p99']:.0f} | "
                             f"{cpu_cell(m.get('cpu_ms_per_message'))} | {m['errors'] or '–'} |")
        lines.append("")
        if result.get("split"):
            lines.append(f"Webhooks and consumers apart, {report['settings']['split_connections']} connections: the "
                         "webhook load with the consumers stopped, then the consumers alone on what it queued "
                         "(CPU ms per acknowledged message in each half).")
            lines.append("")
            lines.append("| channel | acks/s, consumers stopped | × baseline | p50 / p99 ms | CPU ms: app / queue | "
                         "messages/s, consumers alone | × baseline | replies/s | CPU ms: app / queue / stub |")
            lines.append("|---|---|---|---|---|---|---|---|---|")
            for channel, m in result["split"].items():
                web, con = m["cpu_ms_per_message"]["webhooks"], m["cpu_ms_per_message"]["consumers"]

                def queue(cpu):
                    return f"{cpu['elasticmq']:.2f}" if "elasticmq" in cpu else "(in app)"

                def ratio(value):
                    return f"{value:.2f}" if value is not None else "–"

                lines.append(f"| {channel} | {m['acks_per_s']:.0f} | {ratio(m['ack_ratio'])} | "
                             f"{m['latency_ms']['p50']:.1f} / {m['latency_ms']['p99']:.1f} | "
                             f"{web['app']:.2f} / {queue(web)} | {m['consumed_per_s']:.0f} | "
                             f"{ratio(m['consumed_ratio'])} | {m['replies_per_s']:.0f} | "
                             f"{con['app']:.2f} / {queue(con)} / {con['stub']:.2f} |")
            lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per run")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (medians are reported)")
    parser.add_argument("--connections", type=lambda s: [int(x) for x in s.split(",")], default=[10, 50, 200])
    parser.add_argument("--channels", type=lambda s: s.split(","), default=["whatsapp", "messenger", "instagram"])
    parser.add_argument("--modes", type=lambda s: s.split(","), default=["embedded", "external"])
    parser.add_argument("--stub-latency-ms", type=int, default=0, help="latency the platform stub adds to each reply")
    parser.add_argument("--senders", type=int, default=2000, help="distinct customers (conversations)")
    parser.add_argument("--heap", default="384m", help="the app's -Xmx")
    parser.add_argument("--jvm-opts", type=lambda s: s.split(), help="the app's other JVM options",
                        default="-XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m".split())
    parser.add_argument("--cds", action=argparse.BooleanOptionalAction, default=True,
                        help="launch with a class-data-sharing archive (faster start, more RSS)")
    parser.add_argument("--split-connections", type=int, default=50,
                        help="connections of the split runs (webhooks with the consumers stopped, then the consumers "
                             "alone on that backlog); 0 skips them")
    parser.add_argument("--drain-timeout", type=int, default=300, help="max seconds to wait for replies after a run")
    parser.add_argument("--profile", action="store_true",
                        help="record the app with Java Flight Recorder and write where its CPU time goes")
    parser.add_argument("--output", default=str(RESULTS / "latest"), help="results path without extension")
    args = parser.parse_args()

    TMP.mkdir(parents=True, exist_ok=True)
    jar, classpath = build()
    launch = prepare_launch(jar, args.heap, args.jvm_opts, args.cds)
    stub_port = free_port()
    stub = Process("stub", ["java", "-Xmx256m", "-Dsun.net.httpserver.nodelay=true",
                            str(BENCH / "java" / "PlatformStub.java"), str(stub_port),
                            str(args.stub_latency_ms)], ROOT)
    wait_for(lambda: http_get(f"http://127.0.0.1:{stub_port}/stats")[0] == 200, 60, "the platform stub")
    report = {"machine": machine(), "settings": {"duration_s": args.duration, "runs": args.runs,
                                                   "connections": args.connections, "channels": args.channels,
                                                   "stub_latency_ms": args.stub_latency_ms, "senders": args.senders,
                                                   "split_connections": args.split_connections,
                                                   "heap": args.heap, "jvm_opts": " ".join(args.jvm_opts), "cds": args.cds},
              "modes": {}}
    try:
        fat_jar, _, fat_jar_start = start_app(["java", f"-Xmx{args.heap}", *args.jvm_opts, "-jar", str(jar)],
                                              "embedded", stub_port,
                                              None, name="app-fat-jar")
        fat_jar.stop()
        report["cold_start_fat_jar_s"] = round(fat_jar_start, 2)
        for mode in args.modes:
            report["modes"][mode] = measure_mode(mode, launch, classpath, args, stub_port, stub.proc.pid)
    finally:
        stub.stop()
    report["finished"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    Path(args.output + ".json").write_text(json.dumps(report, indent=2) + "\n")
    table = markdown(report)
    Path(args.output + ".md").write_text(table + "\n")
    print(table)
    log(f"results in {args.output}.json and {args.output}.md")


if __name__ == "__main__":
    main()
