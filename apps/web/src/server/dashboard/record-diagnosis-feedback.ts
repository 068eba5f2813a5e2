// A reviewer marks a run's diagnosis correct or incorrect: the input of the accuracy chart. Audited.
import 'server-only';
import { z } from 'zod';
import { AppError } from '@suture/core';
import { appendAuditEvent, auditedTransaction } from '@suture/db';
import { db } from '../db.ts';

export const DiagnosisFeedbackInput = z.object({ feedback: z.enum(['correct', 'incorrect']) });

export const recordDiagnosisFeedback = async ({
  runId,
  organizationId,
  userId,
  input,
}: {
  runId: string;
  organizationId: string;
  userId: string;
  input: z.infer<typeof DiagnosisFeedbackInput>;
}) => {
  const diagnosis = await db().diagnosis.findFirst({
    where: { healingRunId: runId, healingRun: { repository: { organizationId } } },
    orderBy: { createdAt: 'desc' },
  });
  if (!diagnosis) throw new AppError('NOT_FOUND', `run ${runId} has no diagnosis`);
  const at = new Date();
  await db().$transaction(async (tx) => {
    await tx.diagnosis.update({
      where: { id: diagnosis.id },
      data: { feedback: input.feedback, feedbackById: userId, feedbackAt: at },
    });
    await appendAuditEvent({
      db: tx,
      inTransaction: true,
      event: {
        organizationId,
        actorType: 'user',
        actorId: userId,
        action: 'diagnosis.feedback',
        subjectType: 'HealingRun',
        subjectId: runId,
        data: { diagnosisId: diagnosis.id, feedback: input.feedback, previous: diagnosis.feedback },
      },
    });
  }, auditedTransaction);
  return { diagnosisId: diagnosis.id, feedback: input.feedback, at: at.toISOString() };
};
