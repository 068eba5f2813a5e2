import { z } from 'zod';

const Span = z.object({
  file_name: z.string(),
  byte_start: z.number(),
  byte_end: z.number(),
  is_primary: z.boolean(),
  suggested_replacement: z.string().nullable().optional(),
  suggestion_applicability: z.string().nullable().optional(),
});
type RustMessage = {
  message: string;
  code: { code: string } | null;
  level: string;
  spans: z.infer<typeof Span>[];
  children: RustMessage[];
};
const Message: z.ZodType<RustMessage> = z.lazy(() =>
  z.object({
    message: z.string(),
    code: z.object({ code: z.string() }).nullable(),
    level: z.string(),
    spans: z.array(Span),
    children: z.array(Message),
  }),
);
const CompilerMessage = z.object({ reason: z.literal('compiler-message'), message: Message });

export type RustEdit = { file: string; start: number; end: number; replacement: string };
export type RustSuggestion = {
  code: string | null;
  level: string;
  message: string;
  file: string;
  edits: RustEdit[];
};

const machineEdits = (message: RustMessage): RustEdit[] =>
  [message, ...message.children].flatMap((part) =>
    part.spans
      .filter(
        (span) =>
          span.suggestion_applicability === 'MachineApplicable' &&
          typeof span.suggested_replacement === 'string',
      )
      .map((span) => ({
        file: span.file_name,
        start: span.byte_start,
        end: span.byte_end,
        replacement: span.suggested_replacement ?? '',
      })),
  );

/**
 * Reads `cargo check/clippy --message-format=json` output and returns, per diagnostic, the edits rustc or
 * clippy mark MachineApplicable. Suggestions that would silence a lint (`#[allow]`) are never returned.
 */
export const collectRustSuggestions = (options: { output: string }): RustSuggestion[] => {
  const suggestions: RustSuggestion[] = [];
  for (const line of options.output.split('\n')) {
    if (!line.startsWith('{')) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    const result = CompilerMessage.safeParse(parsed);
    if (!result.success) continue;
    const { message } = result.data;
    const edits = machineEdits(message);
    const primary = message.spans.find((span) => span.is_primary);
    if (edits.length === 0 || !primary) continue;
    if (edits.some((edit) => /#!?\[allow\(/.test(edit.replacement))) continue;
    suggestions.push({
      code: message.code?.code ?? null,
      level: message.level,
      message: message.message,
      file: primary.file_name,
      edits,
    });
  }
  return suggestions;
};
