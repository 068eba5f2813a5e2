import { AppError } from '../errors/app-error.ts';

export type ComputeWilsonIntervalOptions = { failures: number; runs: number; confidence?: number };

/** Two-sided z for a confidence level (Acklam's rational approximation of the normal quantile; |error| < 1e-9). */
export const normalQuantile = (p: number): number => {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const at = (list: number[], i: number): number => list[i] ?? 0;
  const tail = (q: number): number =>
    (((((at(c, 0) * q + at(c, 1)) * q + at(c, 2)) * q + at(c, 3)) * q + at(c, 4)) * q + at(c, 5)) / ((((at(d, 0) * q + at(d, 1)) * q + at(d, 2)) * q + at(d, 3)) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((at(a, 0) * r + at(a, 1)) * r + at(a, 2)) * r + at(a, 3)) * r + at(a, 4)) * r + at(a, 5)) * q) /
    (((((at(b, 0) * r + at(b, 1)) * r + at(b, 2)) * r + at(b, 3)) * r + at(b, 4)) * r + 1)
  );
};

/**
 * Wilson score interval for a failure rate. Chosen over the normal approximation because it stays inside [0, 1]
 * and is honest at 0/n and n/n, which is exactly where reruns usually land (0/10 -> [0, 0.278] at 95%).
 */
export const computeWilsonInterval = (options: ComputeWilsonIntervalOptions): [number, number] => {
  const { failures, runs } = options;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(runs) || !Number.isInteger(failures) || runs < 0 || failures < 0 || failures > runs) {
    throw new AppError('BAD_INPUT', `invalid counts: ${failures} failures in ${runs} runs`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new AppError('BAD_INPUT', `confidence must be in (0, 1), got ${confidence}`);
  if (runs === 0) return [0, 1];
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = failures / runs;
  const z2 = z * z;
  const denominator = 1 + z2 / runs;
  const centre = (p + z2 / (2 * runs)) / denominator;
  const margin = (z * Math.sqrt((p * (1 - p)) / runs + z2 / (4 * runs * runs))) / denominator;
  // Exact endpoints at 0/n and n/n; floating error would otherwise print "above 0%".
  const lo = failures === 0 ? 0 : Math.max(0, centre - margin);
  const hi = failures === runs ? 1 : Math.min(1, centre + margin);
  return [lo, hi];
};
