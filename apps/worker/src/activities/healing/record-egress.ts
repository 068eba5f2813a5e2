// The install phase's egress record (every connection it attempted through the proxy) on the run's audit trail,
// so the run page can show what the repository's install reached and what it was refused.
import type { InstallOutcome } from '@suture/core/execution/install-dependencies';
import { appendAuditEvent } from '@suture/db';
import type { HealingDeps } from './deps.ts';
import type { LoadedRun } from './checkout.ts';

const MAX_EVENTS = 200;

export const recordEgress = async (options: { deps: HealingDeps; run: LoadedRun; phase: string; install: InstallOutcome | null }) => {
  const report = options.install?.egress;
  if (!report || !options.install) return;
  await appendAuditEvent({
    db: options.deps.db,
    event: {
      organizationId: options.run.repository.organizationId,
      actorType: 'worker',
      actorId: null,
      action: 'run.sandbox.egress',
      subjectType: 'HealingRun',
      subjectId: options.run.id,
      data: {
        phase: options.phase,
        command: options.install.command.slice(0, 500),
        allowedHosts: options.install.egressHosts.slice(0, 100),
        allowed: report.allowed,
        refused: report.refused,
        failed: report.failed,
        bytesUp: report.bytesUp,
        bytesDown: report.bytesDown,
        droppedEvents: report.droppedEvents + Math.max(0, report.events.length - MAX_EVENTS),
        events: report.events.slice(0, MAX_EVENTS).map((event) => ({ ...event, host: event.host.slice(0, 300), reason: event.reason?.slice(0, 300) ?? null })),
      },
    },
  });
};
