// Next.js calls register() once when a server process starts. The webhook spool drainer runs here so
// deliveries spooled while the database was down are stored once it is back, also after a restart.
// NEXT_RUNTIME is a build-time constant Next.js inlines per runtime (the one process.env read outside
// server/env.ts, because the Node-only import below must not reach the Edge bundle).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startSpoolDrainerUnlessBuilding } = await import('./server/intake/start-spool-drainer-at-boot.ts');
  startSpoolDrainerUnlessBuilding();
}
