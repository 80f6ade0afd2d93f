// Timing that runs anywhere, Node or the browser's web worker (bench/web-probe.ts): no Node import.

/** Times `fn` `runs` times after `warmup` runs; returns milliseconds per call. */
export function time(fn: () => unknown, runs = 15, warmup = 3, inner = 1): number[] {
  for (let i = 0; i < warmup; i++) for (let j = 0; j < inner; j++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    for (let j = 0; j < inner; j++) fn();
    out.push((performance.now() - start) / inner);
  }
  return out;
}
