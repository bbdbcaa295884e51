#!/usr/bin/env bash
# The queue server alone: ElasticMQ as docker-compose runs it (docker/elasticmq.conf), in its own process, driven by
# bench/java/QueueShardBench.java with 1 and 4 inbound shards in turn (the app is not involved), to see what the
# shards change in ElasticMQ's throughput and CPU per message. Needs bench/run.sh to have built the classpath once.
#   bench/queue-shards.sh [rounds=2] [seconds=10] [groups=2000] [producers=8] [consumers=8]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2} seconds=${2:-10} groups=${3:-2000} producers=${4:-8} consumers=${5:-8}
cp=bench/results/tmp/classpath.txt
[[ -f $cp ]] || ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$cp"
for round in $(seq "$rounds"); do
  for shards in 1 4; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    data=$(mktemp -d)
    java -Xmx512m -cp "$(cat $cp)" bench/java/ElasticMqServer.java docker/elasticmq.conf "$port" "$data" > "$data/server.log" 2>&1 &
    server=$!
    until grep -qs "listening on" "$data/server.log"; do sleep 0.5; done
    sleep 2 # the queues are declared just after the server listens
    java -cp "$(cat $cp)" bench/java/QueueShardBench.java "http://127.0.0.1:$port" "$server" "$shards" "$groups" \
      "$seconds" "$producers" "$consumers"
    kill "$server"; wait "$server" 2>/dev/null || true
    rm -rf "$data"
  done
done
