import Anthropic, { APIConnectionTimeoutError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { MessageParam, Message, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { performance } from 'node:perf_hooks';
import type { HeuristicDiagnosis } from '../build-heuristic-result.ts';
import type { LogAnalysis } from '../create-log-analyzer.ts';
import type { DiagnosisResult } from '../diagnosis-result.ts';
import { normalizeEvidence } from '../normalize-evidence.ts';
import { buildClaudePrompt } from './build-claude-prompt.ts';
import { classifyClaudeError } from './classify-claude-error.ts';
import { ClaudeDiagnosis, DIAGNOSIS_TOOL_NAME, diagnosisTool } from './diagnosis-tool.ts';
import { retryWithBackoff } from './retry-with-backoff.ts';

export type ClaudeEngineOptions = {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Deadline for the whole Claude diagnosis, retries included. */
  timeoutMs: number;
  maxRetries: number;
  maxInputTokens?: number;
  maxOutputTokens?: number;
  baseDelayMs?: number;
};

const DEFAULT_INPUT_BUDGET = 16_000;
const CHARS_PER_TOKEN_GUESS = 3.2;
const MAX_BUDGET_ROUNDS = 3;

type Usage = { input: number; output: number };

const describe = (error: unknown): string => {
  if (error instanceof APIConnectionTimeoutError || (error instanceof Error && error.name === 'TimeoutError')) return 'timed out';
  if (error instanceof APIUserAbortError || (error instanceof Error && error.name === 'AbortError')) return 'timed out (aborted at the deadline)';
  return error instanceof Error ? error.message.slice(0, 300) : String(error);
};

const toolInput = (message: Message): unknown => (message.content.find((block): block is ToolUseBlock => block.type === 'tool_use' && block.name === DIAGNOSIS_TOOL_NAME))?.input;

const validate = (input: unknown, totalLines: number): { ok: true; value: ClaudeDiagnosis } | { ok: false; problems: string } => {
  if (input === undefined) return { ok: false, problems: `no ${DIAGNOSIS_TOOL_NAME} tool call in the answer` };
  const parsed = ClaudeDiagnosis.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ') };
  const outside = parsed.data.evidence.filter((range) => range.end > totalLines);
  if (outside.length > 0) return { ok: false, problems: `evidence beyond the last line (${totalLines}): ${outside.map((range) => `${range.start}-${range.end}`).join(', ')}` };
  return { ok: true, value: parsed.data };
};

/**
 * Diagnoses with Claude: sends the redacted excerpt (counted against a 16k-token input budget) with the offline
 * findings as hints, streams the answer, retries transient API failures, validates the tool call (one repair
 * round), and falls back to the offline result — saying why — whenever any of that fails.
 */
export const diagnoseWithClaude = async (options: {
  analysis: LogAnalysis;
  heuristic: HeuristicDiagnosis;
  claude: ClaudeEngineOptions;
  startedAt?: number;
}): Promise<DiagnosisResult> => {
  const { analysis, heuristic, claude } = options;
  const startedAt = options.startedAt ?? performance.now();
  const budget = claude.maxInputTokens ?? DEFAULT_INPUT_BUDGET;
  const signal = AbortSignal.timeout(claude.timeoutMs);
  const client = new Anthropic({ apiKey: claude.apiKey, ...(claude.baseURL ? { baseURL: claude.baseURL } : {}), maxRetries: 0, timeout: claude.timeoutMs });
  const usage: Usage = { input: 0, output: 0 };
  const elapsed = (): number => Math.round(performance.now() - startedAt);
  const retrying = <T>(attempt: () => Promise<T>): Promise<T> =>
    retryWithBackoff({ attempt, classify: classifyClaudeError, maxRetries: claude.maxRetries, signal, ...(claude.baseDelayMs !== undefined ? { baseDelayMs: claude.baseDelayMs } : {}) });

  const fallback = (reason: string): DiagnosisResult => ({
    ...heuristic.result,
    tokens: usage.input + usage.output > 0 ? usage : null,
    durationMs: elapsed(),
    fallbackReason: `Claude engine not used: ${reason}; this is the offline diagnosis.`,
  });

  try {
    let maxChars = budget * CHARS_PER_TOKEN_GUESS;
    let prompt = buildClaudePrompt({ analysis, heuristic: heuristic.result, ranked: heuristic.ranked, maxChars });
    for (let round = 0; round < MAX_BUDGET_ROUNDS; round++) {
      let inputTokens: number;
      try {
        const counted = await retrying(() =>
          client.messages.countTokens({ model: claude.model, system: prompt.system, messages: [{ role: 'user', content: prompt.user }], tools: [diagnosisTool] }, { signal }),
        );
        inputTokens = counted.input_tokens;
      } catch (error) {
        if (signal.aborted) throw error;
        // A gateway without the counting endpoint: fall back to a conservative estimate instead of giving up.
        inputTokens = Math.ceil((prompt.system.length + prompt.user.length) / CHARS_PER_TOKEN_GUESS) + 1_000;
      }
      if (inputTokens <= budget) break;
      if (round === MAX_BUDGET_ROUNDS - 1) return fallback(`the excerpt could not be fitted into ${budget} input tokens`);
      maxChars = Math.floor(maxChars * (budget / inputTokens) * 0.9);
      prompt = buildClaudePrompt({ analysis, heuristic: heuristic.result, ranked: heuristic.ranked, maxChars });
    }

    const messages: MessageParam[] = [{ role: 'user', content: prompt.user }];
    const ask = async (): Promise<Message> => {
      const message = await retrying(async () => {
        const stream = client.messages.stream(
          { model: claude.model, max_tokens: claude.maxOutputTokens ?? 2048, system: prompt.system, messages, tools: [diagnosisTool], tool_choice: { type: 'tool', name: DIAGNOSIS_TOOL_NAME } },
          { signal },
        );
        return stream.finalMessage();
      });
      usage.input += message.usage.input_tokens;
      usage.output += message.usage.output_tokens;
      return message;
    };

    let message = await ask();
    let verdict = validate(toolInput(message), analysis.totalLines);
    if (!verdict.ok) {
      // One repair round: show the model exactly what was wrong with its tool call.
      const toolUse = message.content.find((block): block is ToolUseBlock => block.type === 'tool_use');
      messages.push({ role: 'assistant', content: message.content });
      messages.push({
        role: 'user',
        content: toolUse
          ? [{ type: 'tool_result', tool_use_id: toolUse.id, is_error: true, content: `Invalid ${DIAGNOSIS_TOOL_NAME} input: ${verdict.problems}. Call ${DIAGNOSIS_TOOL_NAME} again with corrected input.` }]
          : `Your answer had no ${DIAGNOSIS_TOOL_NAME} call (${verdict.problems}). Call ${DIAGNOSIS_TOOL_NAME} now.`,
      });
      message = await ask();
      verdict = validate(toolInput(message), analysis.totalLines);
      if (!verdict.ok) return fallback(`the model's answer was still invalid after one repair attempt (${verdict.problems})`);
    }
    const shaped = normalizeEvidence({ ranges: verdict.value.evidence, anchors: heuristic.result.evidence, totalLines: analysis.totalLines });
    return { ...verdict.value, ...shaped, engine: 'claude', model: message.model || claude.model, tokens: usage, durationMs: elapsed() };
  } catch (error) {
    return fallback(describe(error));
  }
};
