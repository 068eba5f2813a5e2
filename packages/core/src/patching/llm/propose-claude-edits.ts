import Anthropic from '@anthropic-ai/sdk';
import type { ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';

export const EditProposal = z.object({
  explanation: z.string(),
  edits: z
    .array(
      z.object({
        path: z.string().min(1),
        instruction: z.string().optional(),
        search: z.string().optional(),
        replace: z.string().optional(),
        codeEdit: z.string().optional(),
      }),
    )
    .max(20),
});
export type EditProposal = z.infer<typeof EditProposal>;

export const EDIT_TOOL_NAME = 'propose_edits';

export type EditMode = 'search_replace' | 'lazy';

const rules = [
  'Make the smallest change to the source code that makes the failing check pass for the right reason.',
  'Never delete, skip, focus or weaken tests or assertions, and never change what a test expects to match buggy code.',
  'Never add suppression comments (@ts-ignore, eslint-disable, noqa, #[allow]), never edit CI configuration, lockfiles, migrations, snapshots or secrets, never raise timeouts or add retries, never swallow errors.',
  'If the only way to make CI pass is one of the above, return no edits and say why in the explanation.',
];

const modeHelp: Record<EditMode, string> = {
  search_replace:
    'Each edit is {path, search, replace}: `search` is an exact, unique excerpt of the current file (a few whole lines), `replace` what it becomes.',
  lazy: 'Each edit is {path, instruction, codeEdit}: `instruction` says in one sentence what changes; `codeEdit` shows only the changed parts with enough surrounding lines, eliding the rest with "// ... existing code ..." comments.',
};

/** Asks Claude for edits to the diagnosed files through a forced tool call; returns the validated proposal. */
export const proposeClaudeEdits = async (options: {
  apiKey: string;
  baseUrl?: string;
  model: string;
  mode: EditMode;
  problem: string;
  files: ReadonlyArray<{ path: string; text: string }>;
  feedback: readonly string[];
  timeoutMs?: number;
}): Promise<{ proposal: EditProposal; tokens: { input: number; output: number } }> => {
  const client = new Anthropic({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    maxRetries: 2,
    timeout: options.timeoutMs ?? 120_000,
  });
  const schema = z.toJSONSchema(EditProposal, { target: 'draft-7' }) as Record<string, unknown>;
  const user = [
    options.problem,
    ...options.files.map((file) => `<file path="${file.path}">\n${file.text}\n</file>`),
    ...options.feedback.map(
      (text, index) => `<previous_attempt number="${index + 1}">\n${text}\n</previous_attempt>`,
    ),
    `Call ${EDIT_TOOL_NAME} with your edits.`,
  ].join('\n\n');
  let message;
  try {
    message = await client.messages.create({
      model: options.model,
      max_tokens: 4096,
      system: `You repair failed CI builds.\n${rules.join('\n')}\n${modeHelp[options.mode]}`,
      messages: [{ role: 'user', content: user }],
      tools: [
        {
          name: EDIT_TOOL_NAME,
          description: 'Propose file edits that fix the failure.',
          input_schema: { ...schema, type: 'object' as const },
        },
      ],
      tool_choice: { type: 'tool', name: EDIT_TOOL_NAME },
    });
  } catch (error) {
    throw new AppError(
      'UNAVAILABLE',
      `Claude request failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const call = message.content.find(
    (block): block is ToolUseBlock => block.type === 'tool_use' && block.name === EDIT_TOOL_NAME,
  );
  const parsed = EditProposal.safeParse(call?.input);
  if (!parsed.success)
    throw new AppError('UNAVAILABLE', `Claude did not return valid ${EDIT_TOOL_NAME} input`);
  return {
    proposal: parsed.data,
    tokens: { input: message.usage.input_tokens, output: message.usage.output_tokens },
  };
};
