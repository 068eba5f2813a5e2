import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreestyleSandbox } from './create-freestyle-sandbox.ts';
import { resolveSandboxLimits } from './resolve-sandbox-limits.ts';

type Call = { method: string; path: string; auth: string | undefined; body: Record<string, unknown> | null };

const limits = resolveSandboxLimits({ overrides: { wallTimeMs: 5000 } });
const calls: Call[] = [];
let server: Server;
let baseUrl = '';
let dir = '';
let failCreate = false;

// The subset of Freestyle's VM API (v1) the backend uses: create, exec-await, get file, delete.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'suture-freestyle-'));
  await writeFile(join(dir, 'package.json'), '{"scripts":{"test":"node --test"}}');
  server = createServer((request, response) => {
    void (async () => {
      let text = '';
      for await (const chunk of request) text += String(chunk);
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
      const path = decodeURIComponent(request.url ?? '');
      calls.push({ method: request.method ?? '', path, auth: request.headers.authorization, body });
      const json = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (request.method === 'POST' && path === '/v1/vms') return failCreate ? json(401, { error: 'Unauthorized', message: 'bad key' }) : json(200, { id: 'vm-1', domains: [] });
      if (request.method === 'POST' && path === '/v1/vms/vm-1/exec-await') {
        const command = typeof body?.command === 'string' ? body.command : '';
        if (command.includes('base64 -d')) return json(200, { stdout: '', stderr: '', statusCode: 0 });
        if (command.startsWith('cd /workspace && find')) return json(200, { stdout: '.suture-results/junit.xml\n', stderr: '', statusCode: 0 });
        return json(200, { stdout: 'TAP version 13\nok 1 - adds\n', stderr: 'warn\n', statusCode: 1 });
      }
      if (request.method === 'GET' && path === '/v1/vms/vm-1/files//workspace/.suture-results/junit.xml') return json(200, { content: '<testsuite name="s"><testcase name="t"/></testsuite>' });
      if (request.method === 'DELETE' && path === '/v1/vms/vm-1') return json(200, {});
      return json(404, { error: 'NotFound', message: path });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('freestyle sandbox', () => {
  it('uploads the workspace, runs the command with env, limits and a kill timer, collects files and deletes the VM', async () => {
    calls.length = 0;
    const sandbox = createFreestyleSandbox({ apiKey: 'fs-key', baseUrl });
    const result = await sandbox.run({ workspaceDir: dir, command: 'npm test', cwd: '.', limits, env: { FOO: 'bar baz' }, collectPaths: ['.suture-results'] });
    expect(result).toMatchObject({ backend: 'freestyle', exitCode: 1, timedOut: false, stdout: 'TAP version 13\nok 1 - adds\n', stderr: 'warn\n' });
    expect(result.files).toEqual([{ path: '.suture-results/junit.xml', content: '<testsuite name="s"><testcase name="t"/></testsuite>' }]);
    expect(calls.every((call) => call.auth === 'Bearer fs-key')).toBe(true);
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /v1/vms',
      'POST /v1/vms/vm-1/exec-await',
      'POST /v1/vms/vm-1/exec-await',
      'POST /v1/vms/vm-1/exec-await',
      'GET /v1/vms/vm-1/files//workspace/.suture-results/junit.xml',
      'DELETE /v1/vms/vm-1',
    ]);
    // The workspace travels as a base64 tarball; it must unpack to the original files.
    const files = calls[0]?.body?.additionalFiles as Record<string, { content: string }>;
    const archive = Buffer.from(files['/tmp/suture-workspace.tgz.b64']?.content ?? '', 'base64');
    expect(execFileSync('tar', ['-tzf', '-'], { input: archive }).toString()).toContain('./package.json');
    const sent = calls[2]?.body?.command;
    const command = typeof sent === 'string' ? sent : '';
    expect(command).toMatch(/^cd \/workspace\/\. && exec env -i /);
    expect(command).toContain("'FOO=bar baz'");
    expect(command).toContain(' TZ=UTC ');
    expect(command).toContain('timeout -s KILL 5 /bin/sh -c');
    expect(command).toContain('ulimit -t 1200');
    expect(calls[2]?.body?.timeoutMs).toBe(10_000);
  });

  it('maps API errors to AppError codes', async () => {
    failCreate = true;
    try {
      const sandbox = createFreestyleSandbox({ apiKey: 'wrong', baseUrl });
      await expect(sandbox.run({ workspaceDir: dir, command: 'npm test', limits })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    } finally {
      failCreate = false;
    }
  });
});
