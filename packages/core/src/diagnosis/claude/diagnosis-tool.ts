import { z } from 'zod';
import { DiagnosisResult, LineRange } from '../diagnosis-result.ts';

// What Claude fills in; run metadata (engine, model, tokens, duration) is ours to add, and so is `context`.
// Its ranges may be wider than evidence allows: they are cut down (the wide range kept as context), not refused.
export const ClaudeDiagnosis = DiagnosisResult.omit({ engine: true, model: true, tokens: true, durationMs: true, fallbackReason: true, context: true }).extend({
  evidence: z.array(LineRange).min(1).max(3),
});
export type ClaudeDiagnosis = z.infer<typeof ClaudeDiagnosis>;

export const DIAGNOSIS_TOOL_NAME = 'report_diagnosis';

const inputSchema = z.toJSONSchema(ClaudeDiagnosis, { target: 'draft-7' }) as Record<string, unknown>;

export const diagnosisTool = {
  name: DIAGNOSIS_TOOL_NAME,
  description:
    'Report the diagnosis of the failed CI job. Evidence ranges are 1-based inclusive line numbers exactly as shown in the excerpt, most explanatory first (1 to 3 ranges), each only the lines that state the cause (at most 20 lines).',
  input_schema: { ...inputSchema, type: 'object' as const },
};
