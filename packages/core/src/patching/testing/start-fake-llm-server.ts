import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordedRequest = {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
};
export type FakeLlmServer = {
  url: string;
  requests: RecordedRequest[];
  /** Tool inputs Claude answers with, in order (the last one repeats). */
  claudeAnswers: unknown[];
  /** Computes Morph's merged file from the request's <code> and <update>. */
  morphMerge: (code: string, update: string) => string;
  close: () => Promise<void>;
};

/**
 * A loopback HTTP server speaking just enough of the Anthropic Messages API (a forced tool call) and of
 * Morph's OpenAI-compatible apply endpoint for the LLM strategy's tests.
 */
export const startFakeLlmServer = async (): Promise<FakeLlmServer> => {
  const state: Omit<FakeLlmServer, 'url' | 'close'> = {
    requests: [],
    claudeAnswers: [],
    morphMerge: (_code, update) => update,
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      state.requests.push({ path: request.url ?? '', headers: request.headers, body });
      response.setHeader('content-type', 'application/json');
      if (request.url?.startsWith('/v1/messages')) {
        const index = state.requests.filter((item) => item.path.startsWith('/v1/messages')).length - 1;
        const input = state.claudeAnswers[Math.min(index, state.claudeAnswers.length - 1)] ?? {
          explanation: 'nothing',
          edits: [],
        };
        response.end(
          JSON.stringify({
            id: `msg_${index}`,
            type: 'message',
            role: 'assistant',
            model: 'claude-test',
            content: [{ type: 'tool_use', id: `toolu_${index}`, name: 'propose_edits', input }],
            stop_reason: 'tool_use',
            stop_sequence: null,
            usage: { input_tokens: 100, output_tokens: 20 },
          }),
        );
        return;
      }
      if (request.url === '/v1/chat/completions') {
        const content = (body as { messages: Array<{ content: string }> }).messages[0]?.content ?? '';
        const code = /<code>([\s\S]*)<\/code>/.exec(content)?.[1] ?? '';
        const update = /<update>([\s\S]*)<\/update>/.exec(content)?.[1] ?? '';
        response.end(
          JSON.stringify({
            id: 'cmpl',
            object: 'chat.completion',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: state.morphMerge(code, update) },
                finish_reason: 'stop',
              },
            ],
          }),
        );
        return;
      }
      response.statusCode = 404;
      response.end('{}');
    });
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: async () => new Promise<void>((resolvePromise) => server.close(() => resolvePromise())),
  });
};
