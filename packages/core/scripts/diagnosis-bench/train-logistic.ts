// Hand-written weighted logistic regression (Newton's method with an L2 penalty): the model is a few dozen
// weights, so a library would add more than it saves. Deterministic: no sampling, a bounded number of steps.
import { lineFeatureNames } from '../../src/diagnosis/line-features.ts';
import type { LineRankerModel } from '../../src/diagnosis/line-ranker-model.ts';
import type { CaseCandidates } from './collect-candidates.ts';

export type TrainOptions = { iterations?: number; l2?: number };

/** Solves A·x = b by Gaussian elimination with partial pivoting (A is small and symmetric positive definite). */
const solve = (matrix: number[][], vector: number[]): number[] => {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = row;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const head = a[col] as number[];
    const diagonal = head[col] || 1e-12;
    for (let row = col + 1; row < n; row++) {
      const current = a[row] as number[];
      const factor = (current[col] ?? 0) / diagonal;
      if (factor === 0) continue;
      for (let k = col; k <= n; k++) current[k] = (current[k] ?? 0) - factor * (head[k] ?? 0);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    const current = a[row] as number[];
    let sum = current[n] ?? 0;
    for (let k = row + 1; k < n; k++) sum -= (current[k] ?? 0) * (x[k] ?? 0);
    x[row] = sum / (current[row] || 1e-12);
  }
  return x;
};

export const trainLogistic = (cases: readonly CaseCandidates[], options: TrainOptions = {}): Omit<LineRankerModel, 'threshold'> => {
  const { iterations = 25, l2 = 1e-3 } = options;
  const width = lineFeatureNames.length;
  const xs: number[][] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  for (const item of cases) {
    // Every log weighs the same, however many candidate lines it has.
    const weight = item.rows.length > 0 ? 1 / item.rows.length : 0;
    item.rows.forEach((row, index) => {
      xs.push(row.features);
      ys.push(item.targets[index] ?? 0);
      ws.push(weight);
    });
  }
  const total = ws.reduce((sum, w) => sum + w, 0) || 1;
  const mean = Array.from({ length: width }, (_, j) => xs.reduce((sum, x, i) => sum + (ws[i] ?? 0) * (x[j] ?? 0), 0) / total);
  const scale = Array.from({ length: width }, (_, j) => {
    const variance = xs.reduce((sum, x, i) => sum + (ws[i] ?? 0) * ((x[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / total;
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  const zs = xs.map((x) => x.map((value, j) => (value - (mean[j] ?? 0)) / (scale[j] ?? 1)));
  // Newton steps (iteratively reweighted least squares) on [bias, weights]: a dozen passes converge.
  const size = width + 1;
  const theta = new Array<number>(size).fill(0);
  for (let step = 0; step < iterations; step++) {
    const hessian = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    const gradient = new Array<number>(size).fill(0);
    for (let i = 0; i < zs.length; i++) {
      const z = zs[i] as number[];
      let logit = theta[0] ?? 0;
      for (let j = 0; j < width; j++) logit += (theta[j + 1] ?? 0) * (z[j] ?? 0);
      const p = 1 / (1 + Math.exp(-logit));
      const w = (ws[i] ?? 0) / total;
      const error = (p - (ys[i] ?? 0)) * w;
      const curvature = p * (1 - p) * w;
      for (let a = 0; a < size; a++) {
        const xa = a === 0 ? 1 : (z[a - 1] ?? 0);
        gradient[a] = (gradient[a] ?? 0) + error * xa;
        const row = hessian[a] as number[];
        for (let b = a; b < size; b++) row[b] = (row[b] ?? 0) + curvature * xa * (b === 0 ? 1 : (z[b - 1] ?? 0));
      }
    }
    for (let a = 0; a < size; a++) {
      const row = hessian[a] as number[];
      for (let b = 0; b < a; b++) row[b] = (hessian[b] as number[])[a] ?? 0;
      if (a > 0) {
        row[a] = (row[a] ?? 0) + l2;
        gradient[a] = (gradient[a] ?? 0) + l2 * (theta[a] ?? 0);
      } else {
        row[a] = (row[a] ?? 0) + 1e-9;
      }
    }
    const delta = solve(hessian, gradient);
    for (let a = 0; a < size; a++) theta[a] = (theta[a] ?? 0) - (delta[a] ?? 0);
    if (Math.max(...delta.map(Math.abs)) < 1e-7) break;
  }
  const bias = theta[0] ?? 0;
  const weights = theta.slice(1);
  const round = (value: number): number => Math.round(value * 1e6) / 1e6;
  return { version: 1, features: [...lineFeatureNames], mean: mean.map(round), scale: scale.map(round), weights: weights.map(round), bias: round(bias) };
};
