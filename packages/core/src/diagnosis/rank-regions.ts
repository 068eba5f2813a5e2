import type { CandidateRegion } from './candidate-region.ts';
import type { StepInfo } from './create-step-tracker.ts';

export type RankedRegion = CandidateRegion & { rank: number };

const FIRST_MARGIN = 3;
const FIRST_BONUS = 1;

/**
 * Orders candidate regions by how well they explain the failure: what the lines say, then where they sit —
 * inside the step that failed, close to where it failed, not in steps that passed or in post-job cleanup.
 */
export const rankRegions = (options: {
  regions: readonly CandidateRegion[];
  steps: readonly StepInfo[];
  failingStep: StepInfo | null;
  totalLines: number;
}): RankedRegion[] => {
  const { regions, steps, failingStep, totalLines } = options;
  const stepByIndex = new Map(steps.map((step) => [step.index, step]));
  // The earliest region of the failing step that is nearly as strong as its strongest: the first failure reported
  // is usually the cause, what follows its fallout (cascading errors, summaries, wrapper-script tracebacks).
  const inStep = failingStep ? regions.filter((region) => region.step === failingStep.index && region.kind === 'signal') : [];
  const strongest = Math.max(0, ...inStep.map((region) => region.base));
  const firstStrong = inStep.filter((region) => region.base >= strongest - FIRST_MARGIN).sort((a, b) => a.start - b.start)[0];
  const scored = regions.map((region) => {
    let rank = region.base;
    const step = stepByIndex.get(region.step);
    if (failingStep) {
      if (region.step === failingStep.index) {
        rank += 6;
        // Output after the failure report (retries, cleanup, after_failure dumps) explains less.
        if (failingStep.failureLine !== null && region.start > failingStep.failureLine) rank -= 3;
      } else if (step?.failed) {
        rank += 2;
      } else if (step?.post) {
        rank -= 4;
      } else if (region.step < failingStep.index) {
        rank -= 2;
      } else {
        rank -= 1;
      }
    } else if (region.kind === 'log_tail') {
      rank += 3;
    }
    if (failingStep && region.step === failingStep.index) {
      if (region === firstStrong) rank += FIRST_BONUS;
    } else {
      // Without step context failures cluster at the end of a log.
      rank += 2 * (region.end / Math.max(1, totalLines)) ** 4;
    }
    return { ...region, rank };
  });
  scored.sort((a, b) => b.rank - a.rank || a.start - b.start);
  return scored;
};
