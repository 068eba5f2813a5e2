import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';

const MorphResponse = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

/**
 * Merges a lazy edit ("// ... existing code ...") into a file with Morph's fast-apply model through its
 * OpenAI-compatible chat completions endpoint, and returns the whole merged file.
 */
export const applyMorphEdit = async (options: {
  apiKey: string;
  baseUrl?: string;
  model?: string;
  instruction: string;
  code: string;
  codeEdit: string;
  timeoutMs?: number;
}): Promise<string> => {
  const url = `${(options.baseUrl ?? 'https://api.morphllm.com').replace(/\/+$/, '')}/v1/chat/completions`;
  const content = `<instruction>${options.instruction}</instruction>\n<code>${options.code}</code>\n<update>${options.codeEdit}</update>`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: options.model ?? 'morph-v3-fast',
        messages: [{ role: 'user', content }],
      }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
  } catch (error) {
    throw new AppError(
      'UNAVAILABLE',
      `Morph apply request failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  if (!response.ok) {
    const code =
      response.status === 401 || response.status === 403
        ? 'UNAUTHORIZED'
        : response.status >= 500 || response.status === 429
          ? 'UNAVAILABLE'
          : 'BAD_INPUT';
    throw new AppError(code, `Morph apply returned HTTP ${response.status}`);
  }
  const parsed = MorphResponse.safeParse(await response.json());
  if (!parsed.success) throw new AppError('UNAVAILABLE', 'Morph apply returned an unexpected response');
  const merged = parsed.data.choices[0]?.message.content ?? '';
  // Some deployments wrap the file in a code fence; the file itself never starts with one.
  return merged.replace(/^```[\w-]*\n([\s\S]*?)\n```\s*$/, '$1');
};
