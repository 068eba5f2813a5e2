import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, dirname } from 'node:path';

/**
 * Serves one bare repository over git's smart HTTP protocol by running `git http-backend` as a CGI
 * program, so clone/fetch/push go through the same HTTP path (and Authorization header) as on GitHub.
 * Variables go through env(1) so the child inherits the test process environment untouched.
 */
export const serveGitHttp = async (options: {
  request: IncomingMessage;
  response: ServerResponse;
  barePath: string;
  pathInRepo: string;
  query: string;
}): Promise<void> => {
  const { request, response, barePath } = options;
  const header = (name: string): string => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(', ') : (value ?? '');
  };
  const variables = {
    GIT_PROJECT_ROOT: dirname(barePath),
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: `/${basename(barePath)}${options.pathInRepo}`,
    REQUEST_METHOD: request.method ?? 'GET',
    QUERY_STRING: options.query,
    CONTENT_TYPE: header('content-type'),
    CONTENT_LENGTH: header('content-length'),
    HTTP_CONTENT_ENCODING: header('content-encoding'),
    GIT_PROTOCOL: header('git-protocol'),
    REMOTE_USER: 'x-access-token',
    REMOTE_ADDR: '127.0.0.1',
  };
  const child = spawn(
    'env',
    [...Object.entries(variables).map(([key, value]) => `${key}=${value}`), 'git', 'http-backend'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  request.pipe(child.stdin);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr.resume();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const output = Buffer.concat(chunks);
  let split = output.indexOf('\r\n\r\n');
  let separator = 4;
  if (split < 0) {
    split = output.indexOf('\n\n');
    separator = 2;
  }
  if (code !== 0 || split < 0) {
    response
      .writeHead(500, { 'content-type': 'text/plain' })
      .end(`git http-backend failed (${String(code)})`);
    return;
  }
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of output.subarray(0, split).toString('utf8').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'status') status = Number.parseInt(value, 10);
    else headers[name] = value;
  }
  response.writeHead(status, headers).end(output.subarray(split + separator));
};
