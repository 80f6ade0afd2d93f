// Shared by the benchmark sections: figures, timing and the table. Each section is one module in bench/.
import { join } from 'node:path';
import { time } from './timing';

export { time };

export const ROOT = join(__dirname, '..', '..');

export interface Figure {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number;
  target?: string;
  ok?: boolean;
}
export const figures: Figure[] = [];

export function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] as number,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    runs: values.length,
  };
}

export function record(
  name: string,
  unit: string,
  values: number[],
  target?: { text: string; ok: (median: number) => boolean },
) {
  const s = stats(values);
  figures.push({ name, unit, ...s, ...(target ? { target: target.text, ok: target.ok(s.median) } : {}) });
}

export function single(
  name: string,
  unit: string,
  value: number,
  target?: { text: string; ok: (v: number) => boolean },
) {
  record(name, unit, [value], target);
}

export async function timeAsync(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}
