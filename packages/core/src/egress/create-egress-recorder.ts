import type { EgressEvent, EgressReport } from './egress-types.ts';

export type EgressRecorder = { record: (event: EgressEvent) => void; report: () => EgressReport };

export type CreateEgressRecorderOptions = { maxEvents: number };

/** Keeps the first `maxEvents` connection events and totals over all of them, so a chatty run stays bounded. */
export const createEgressRecorder = (options: CreateEgressRecorderOptions): EgressRecorder => {
  const events: EgressEvent[] = [];
  const totals = { droppedEvents: 0, allowed: 0, refused: 0, failed: 0, bytesUp: 0, bytesDown: 0 };
  return {
    record: (event) => {
      if (events.length < options.maxEvents) events.push(event);
      else totals.droppedEvents += 1;
      totals[event.decision] += 1;
      totals.bytesUp += event.bytesUp;
      totals.bytesDown += event.bytesDown;
    },
    report: () => ({ events: [...events], ...totals }),
  };
};
