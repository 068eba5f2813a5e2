export type DescribeFailureRateOptions = { failures: number; runs: number; interval: [number, number]; confidence: number };

const pct = (value: number, round: (x: number) => number): string => `${round(Number((value * 100).toFixed(6)))}%`;

/**
 * Report wording that matches the Wilson numbers: bounds rounded outward (upper up, lower down) so the sentence is
 * never more confident than the interval. 0/10 -> "failure rate below 28% at 95% (Wilson)".
 */
export const describeFailureRate = (options: DescribeFailureRateOptions): string => {
  const { failures, runs, interval, confidence } = options;
  const level = `${pct(confidence, Math.round)} (Wilson)`;
  const head = `${failures}/${runs} failures`;
  if (runs === 0) return `${head}: no runs, failure rate unknown`;
  if (failures === 0) return `${head}: failure rate below ${pct(interval[1], Math.ceil)} at ${level}`;
  if (failures === runs) return `${head}: failure rate above ${pct(interval[0], Math.floor)} at ${level}`;
  return `${head}: failure rate between ${pct(interval[0], Math.floor)} and ${pct(interval[1], Math.ceil)} at ${level}`;
};
