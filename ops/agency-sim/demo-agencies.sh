#!/usr/bin/env bash
# Runs the simulated police, fire, weather and traffic agencies against an emcc gateway.
# Usage: ops/agency-sim/demo-agencies.sh [--url http://host:8080] [--rate 30] [--minutes 10] [--seed N] [--verbose]
# Tokens come from EMCC_TOKEN_POLICE, EMCC_TOKEN_FIRE, EMCC_TOKEN_WEATHER, EMCC_TOKEN_TRAFFIC (see docs/demo.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
module="$root/ops/agency-sim"
if [[ ! -f "$module/target/classpath.txt" || -z "${EMCC_SIM_NO_BUILD:-}" ]]; then
  (cd "$root" && ./mvnw -q -pl ops/agency-sim -am package -DskipTests)
fi
jar="$(ls "$module"/target/agency-sim-*.jar | grep -v sources | head -1)"
exec java -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -Dlogback.configurationFile=agency-sim-logback.xml \
  -cp "$jar:$(cat "$module/target/classpath.txt")" cn.emcc.ops.sim.DemoAgenciesMain "$@"
