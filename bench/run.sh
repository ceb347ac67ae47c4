#!/usr/bin/env bash
# Builds the server jar and the benchmarks, runs them, and splices each result table into
# BENCHMARKS.md (between <!-- results:NAME --> and <!-- /results:NAME -->).
#
#   bench/run.sh                 everything: ingest 1 M, hunting 1 M, hunting 10 M, document cost
#   bench/run.sh ingest          one of: ingest, hunting-1m, hunting-10m, alert-latency, sigma,
#                                document-cost
#
# Sizes can be lowered for a quick try; point BENCH_RESULTS elsewhere so BENCHMARKS.md is left alone:
#   BENCH_RESULTS=/tmp/quick INGEST_EVENTS=50000 bench/run.sh ingest
# Needs ~6 GB of RAM for the ingest client JVM and ~15 GB of free disk under $TMPDIR for 10 M events.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -Pbench -pl bench -am package -DskipTests
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
JAR=server/target/hsystem-server.jar
OUT="${BENCH_RESULTS:-bench/results}"
mkdir -p "$OUT"
what="${1:-all}"

run() { # name, then the java command line
  local name="$1"; shift
  if [[ "$what" == all || "$what" == "$name" ]]; then
    echo "== $name ($(uptime))"
    "$@"
  fi
}

run ingest java -Xmx6g -cp "$CP" io.hsystem.bench.IngestBenchmark \
  --events "${INGEST_EVENTS:-1000000}" --batch 1000 --clients 4 --encoding "${INGEST_ENCODING:-both}" \
  --jar "$JAR" --out "$OUT"/ingest.md
run hunting-1m java -Xmx1g -cp "$CP" io.hsystem.bench.HuntingBenchmark \
  --events "${HUNT_EVENTS:-1000000}" --threads 2 --warmup 10 --iterations 100 --http true \
  --jar "$JAR" --out "$OUT"/hunting-1m.md
run hunting-10m java -Xmx1g -cp "$CP" io.hsystem.bench.HuntingBenchmark \
  --events "${HUNT_10M_EVENTS:-10000000}" --threads 2 --warmup 10 --iterations "${HUNT_10M_ITERATIONS:-100}" --http true \
  --jar "$JAR" --out "$OUT"/hunting-10m.md
run alert-latency java -Xmx2g -cp "$CP" io.hsystem.bench.AlertLatencyBenchmark \
  --rate "${LATENCY_RATE:-10000}" --probes "${LATENCY_PROBES:-200}" --jar "$JAR" --out "$OUT"/alert-latency.md
if [[ "$what" == all || "$what" == sigma ]]; then
  echo "== sigma ($(uptime))"
  java -Xmx6g -cp "$CP" io.hsystem.bench.SigmaBenchmark --events "${SIGMA_EVENTS:-500000}" \
    --rules ../shared/data/sigma/rules/windows/process_creation | tee "$OUT"/sigma.md
fi
run document-cost java -Xmx3g -cp "$CP" io.hsystem.eventstore.lucene.DocumentCostBenchmark \
  --events "${DOC_EVENTS:-200000}" --out "$OUT"/document-cost.md

if [[ "$OUT" != bench/results ]]; then
  echo "results in $OUT (BENCHMARKS.md not updated)"
  exit 0
fi
python3 - BENCHMARKS.md bench/results <<'PY'
import pathlib, re, sys
doc = pathlib.Path(sys.argv[1]); results = pathlib.Path(sys.argv[2])
text = doc.read_text()
for f in sorted(results.glob("*.md")):
    name = f.stem
    pattern = re.compile(r"(<!-- results:%s -->\n).*?(<!-- /results:%s -->)" % (name, name), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda m: m.group(1) + f.read_text().rstrip() + "\n" + m.group(2), text)
doc.write_text(text)
print("BENCHMARKS.md updated from", ", ".join(p.name for p in sorted(results.glob("*.md"))))
PY
