// Playwright global teardown: stops everything global-setup.ts started (it runs after failed specs too)
// and removes the state file.
import { clearStackState, readStackState } from './stack-state.ts';
import { stopStack } from './stop-stack.ts';

export default async function globalTeardown() {
  const state = readStackState();
  if (!state) return;
  const started = Date.now();
  // On failure the state file stays, so the next setup retries stopping what is left.
  await stopStack(state);
  clearStackState();
  console.log(`e2e teardown: stack ${state.id} stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
