import type { Benchmark } from "./benchmark.js";
import { bubbleBenchmark } from "./bubble/bubble-benchmark.js";
import { bubbleLighthouseBenchmark } from "./bubble/lighthouse-benchmark.js";
import { crashBenchmark } from "./crash/crash-benchmark.js";
import { metaIngressBenchmark } from "./meta-ingress/meta-ingress-benchmark.js";
import { orderBurstBenchmark } from "./order-burst/order-burst-benchmark.js";
import { orderSteadyBenchmark } from "./order-steady/order-steady-benchmark.js";
import { scaleOutBenchmark } from "./scale-out/scale-out-benchmark.js";
import { soakBenchmark } from "./soak/soak-benchmark.js";
import { outboxBenchmark } from "./outbox/outbox-benchmark.js";
import { startupBenchmark } from "./startup/startup-benchmark.js";

/** Every benchmark, in the order `npm run bench` runs them. Add a new one here. */
export const BENCHMARKS: Benchmark[] = [
  outboxBenchmark,
  bubbleBenchmark,
  bubbleLighthouseBenchmark,
  metaIngressBenchmark,
  orderBurstBenchmark,
  orderSteadyBenchmark,
  scaleOutBenchmark,
  soakBenchmark,
  startupBenchmark,
  crashBenchmark,
];
