import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeLog } from '../analyze-log.ts';
import { buildHeuristicResult } from '../build-heuristic-result.ts';
import { DiagnosisResult } from '../diagnosis-result.ts';
import { diagnoseWithClaude } from './diagnose-with-claude.ts';
import type { ClaudeEngineOptions } from './diagnose-with-claude.ts';

// A local stand-in for the Messages API (JSON and SSE streaming), so the real SDK is exercised end to end.
type Reply =
  | { kind: 'tool'; input: unknown }
  | { kind: 'status'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'stream_error'; type: string }
  | { kind: 'hang' };

type Recorded = { path: string; body: Record<string, unknown> };

const sse = (res: ServerResponse, event: string, data: unknown): void => {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
};

const streamTool = (res: ServerResponse, input: unknown): void => {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  sse(res, 'message_start', { type: 'message_start', message: { id: 'msg_test', type: 'message', role: 'assistant', model: 'claude-test-model', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1200, output_tokens: 1 } } });
  sse(res, 'content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_test', name: 'report_diagnosis', input: {} } });
  const json = JSON.stringify(input);
  // Split the tool input across several deltas, as the API does.
  for (let i = 0; i < json.length; i += 40) sse(res, 'content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: json.slice(i, i + 40) } });
  sse(res, 'content_block_stop', { type: 'content_block_stop', index: 0 });
  sse(res, 'message_delta', { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 300 } });
  sse(res, 'message_stop', { type: 'message_stop' });
  res.end();
};

const startServer = async (replies: Reply[]): Promise<{ server: Server; baseURL: string; requests: Recorded[] }> => {
  const requests: Recorded[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const path = req.url ?? '';
      requests.push({ path, body });
      if (path.startsWith('/v1/messages/count_tokens')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ input_tokens: Math.ceil(raw.length / 4) }));
        return;
      }
      const reply = replies.shift() ?? { kind: 'status', status: 500, body: { type: 'error', error: { type: 'api_error', message: 'no scripted reply' } } };
      if (reply.kind === 'hang') return;
      if (reply.kind === 'status') {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(JSON.stringify(reply.body));
      } else if (reply.kind === 'stream_error') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        sse(res, 'error', { type: 'error', error: { type: reply.type, message: 'Overloaded' } });
        res.end();
      } else {
        streamTool(res, reply.input);
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, baseURL: `http://127.0.0.1:${port}`, requests };
};

const token = ['gh', 'p_', 'Qw3'.repeat(12)].join('');
const log = readFileSync(new URL('../../../test/fixtures/diagnosis/gha-tsc.log', import.meta.url), 'utf8').replace(
  "src/index.ts(12,7): error TS2322: Type 'string'",
  `src/index.ts(12,7): error TS2322: (pushed with ${token}) Type 'string'`,
);

const validAnswer = {
  category: 'type_error',
  confidence: 0.9,
  summary: 'tsc reports that a string is assigned to a number in src/index.ts.',
  rootCause: "src/index.ts line 12 assigns a string to a variable typed number (TS2322).",
  evidence: [{ start: 31, end: 31 }],
  files: [{ path: 'src/index.ts', line: 12, column: 7 }],
  failingTests: [],
  errorCodes: ['TS2322'],
  failingStep: { name: 'Run npx tsc --noEmit -p .', exitCode: 2 },
  flakySuspect: { suspected: false, reason: null },
};

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

const run = async (replies: Reply[], overrides: Partial<ClaudeEngineOptions> = {}) => {
  const api = await startServer(replies);
  servers.push(api.server);
  const { analysis } = analyzeLog({ text: log });
  const heuristic = buildHeuristicResult({ analysis, durationMs: 1 });
  const result = await diagnoseWithClaude({
    analysis,
    heuristic,
    claude: { apiKey: 'test-key', baseURL: api.baseURL, model: 'claude-test-model', timeoutMs: 5_000, maxRetries: 3, baseDelayMs: 5, ...overrides },
  });
  return { result, requests: api.requests, heuristic: heuristic.result };
};

describe('diagnoseWithClaude against a local Messages API', () => {
  it('streams a tool call and returns it as a validated claude diagnosis', async () => {
    const { result, requests } = await run([{ kind: 'tool', input: validAnswer }]);
    expect(DiagnosisResult.parse(result)).toEqual(result);
    expect(result).toMatchObject({ engine: 'claude', model: 'claude-test-model', category: 'type_error', errorCodes: ['TS2322'] });
    expect(result.tokens).toEqual({ input: 1200, output: 300 });
    const paths = requests.map((request) => request.path);
    expect(paths[0]).toContain('/v1/messages/count_tokens');
    const message = requests.find((request) => request.path === '/v1/messages');
    expect(message?.body).toMatchObject({ stream: true, tool_choice: { type: 'tool', name: 'report_diagnosis' }, model: 'claude-test-model' });
    const sent = JSON.stringify(message?.body);
    expect(sent).toContain('error TS2322');
    expect(sent).not.toContain(token);
  });

  it('cuts a wide evidence range down to 20 lines around the offline evidence, with context drawn from the wide range', async () => {
    const { result, heuristic } = await run([{ kind: 'tool', input: { ...validAnswer, evidence: [{ start: 1, end: 36 }] } }]);
    expect(result.engine).toBe('claude');
    expect(DiagnosisResult.parse(result)).toEqual(result);
    const [first] = result.evidence;
    const offline = heuristic.evidence[0];
    expect(first && first.end - first.start + 1).toBeLessThanOrEqual(20);
    expect(first && offline && first.start <= offline.start && offline.start <= first.end).toBe(true);
    expect(result.evidence).toEqual([{ start: 17, end: 36 }]);
    expect(result.context).toEqual([{ start: 5, end: 38 }]);
  });

  it('tells Claude which excerpt lines the offline engine holds for the cause', async () => {
    const { requests, heuristic } = await run([{ kind: 'tool', input: validAnswer }]);
    const message = requests.find((request) => request.path === '/v1/messages');
    const user = JSON.stringify(message?.body);
    const start = heuristic.evidence[0]?.start ?? 0;
    expect(user).toContain(`${start}|> `);
  });

  it('retries a 429 (honouring retry-after) and then succeeds', async () => {
    const started = Date.now();
    const { result, requests } = await run([
      { kind: 'status', status: 429, headers: { 'retry-after': '0' }, body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } } },
      { kind: 'tool', input: validAnswer },
    ]);
    expect(result.engine).toBe('claude');
    expect(requests.filter((request) => request.path === '/v1/messages')).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('retries an overloaded error sent inside the stream', async () => {
    const { result, requests } = await run([{ kind: 'stream_error', type: 'overloaded_error' }, { kind: 'tool', input: validAnswer }]);
    expect(result.engine).toBe('claude');
    expect(requests.filter((request) => request.path === '/v1/messages')).toHaveLength(2);
  });

  it('gives up after the retry budget and falls back to the offline result', async () => {
    const overloaded: Reply = { kind: 'status', status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } };
    const { result, requests, heuristic } = await run([overloaded, overloaded, overloaded], { maxRetries: 2 });
    expect(requests.filter((request) => request.path === '/v1/messages')).toHaveLength(3);
    expect(result.engine).toBe('heuristic');
    expect(result.category).toBe(heuristic.category);
    expect(result.fallbackReason).toMatch(/Claude engine not used/);
  });

  it('repairs a malformed tool call once, telling the model what was wrong', async () => {
    const { result, requests } = await run([
      { kind: 'tool', input: { ...validAnswer, category: 'banana', evidence: [] } },
      { kind: 'tool', input: validAnswer },
    ]);
    expect(result.engine).toBe('claude');
    const repair = requests.filter((request) => request.path === '/v1/messages')[1];
    const sent = JSON.stringify(repair?.body);
    expect(sent).toContain('tool_result');
    expect(sent).toContain('is_error');
    expect(sent).toContain('category');
  });

  it('falls back to the offline result when the repair is malformed too', async () => {
    const { result } = await run([
      { kind: 'tool', input: { ...validAnswer, confidence: 7 } },
      { kind: 'tool', input: { ...validAnswer, evidence: [{ start: 999_999, end: 999_999 }] } },
    ]);
    expect(result.engine).toBe('heuristic');
    expect(result.fallbackReason).toMatch(/still invalid after one repair attempt/);
  });

  it('times out and falls back instead of waiting forever', async () => {
    const started = Date.now();
    const { result } = await run([{ kind: 'hang' }], { timeoutMs: 400 });
    expect(result.engine).toBe('heuristic');
    expect(result.fallbackReason).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
