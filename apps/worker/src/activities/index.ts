// Activities are built from their dependencies, so tests and the worker process wire them the same way.
import { Context } from '@temporalio/activity';
import { pingDatabase } from './ping-database.ts';
import { assessPatch } from './healing/assess-patch.ts';
import { cleanupRun } from './healing/cleanup-run.ts';
import { decideRunPolicy } from './healing/decide-run-policy.ts';
import type { HealingDeps } from './healing/deps.ts';
import { deliverPatch } from './healing/deliver-patch.ts';
import { diagnoseFailure } from './healing/diagnose-failure.ts';
import { finishRun } from './healing/finish-run.ts';
import { loadContext } from './healing/load-context.ts';
import { markReady } from './healing/mark-ready.ts';
import { patchFailure } from './healing/patch-failure.ts';
import { recordStage } from './healing/record-stage.ts';
import { reproduceFailure } from './healing/reproduce-failure.ts';
import type { FinishUpdate, RunRef, StageUpdate } from './healing/types.ts';
import { verifyCancel, type VerifyCancelInput } from './healing/verify-cancel.ts';
import { verifyDecision, type VerifyDecisionInput } from './healing/verify-decision.ts';
import { verifyPatch } from './healing/verify-patch.ts';

export type ActivityDeps = HealingDeps;

export const createActivities = (deps: ActivityDeps) => {
  const healing = deps;
  return {
    pingDatabase: async () => ({
      ...(await pingDatabase(deps)),
      workerIdentity: Context.current().info.taskQueue,
    }),
    recordStage: (update: StageUpdate) => recordStage(healing, update),
    finishRun: (update: FinishUpdate) => finishRun(healing, update),
    markReady: (input: RunRef & { waitingForApproval: boolean }) => markReady(healing, input),
    loadContext: (input: RunRef) => loadContext(healing, input),
    diagnoseFailure: (input: RunRef) => diagnoseFailure(healing, input),
    reproduceFailure: (input: RunRef & { runs: number }) => reproduceFailure(healing, input),
    patchFailure: (input: RunRef) => patchFailure(healing, input),
    verifyPatch: (input: RunRef & { runs: number }) => verifyPatch(healing, input),
    assessPatch: (input: RunRef) => assessPatch(healing, input),
    decidePolicy: (input: RunRef) => decideRunPolicy(healing, input),
    deliverPatch: (input: RunRef & { approvedBy: string | null }) => deliverPatch(healing, input),
    cleanupRun: (input: RunRef) => cleanupRun(healing, input),
    verifyDecision: (input: VerifyDecisionInput) => verifyDecision(healing, input),
    verifyCancel: (input: VerifyCancelInput) => verifyCancel(healing, input),
  };
};

export type Activities = ReturnType<typeof createActivities>;
