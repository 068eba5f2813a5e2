import 'server-only';
import { webEnv } from '../env.ts';
import { startSpoolDrainer } from './start-spool-drainer.ts';

/** Starts the drainer in a serving process; never during `next build`, nor with an invalid environment. */
export const startSpoolDrainerUnlessBuilding = () => {
  try {
    if (webEnv().NEXT_PHASE === 'phase-production-build') return;
    startSpoolDrainer();
  } catch (error) {
    console.error('spool drainer not started:', error instanceof Error ? error.message : error);
  }
};
