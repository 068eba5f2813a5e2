// What the proxy (CSP nonce, security headers, the browser-write check) costs per request: sequential
// requests to the built dashboard on loopback, for a server-rendered page, a static chunk and, with the
// proxy, a refused cross-origin write. Prints p50/p95 per target with the machine. Needs no database.
// Run: npx tsx apps/web/scripts/bench-proxy.ts [--count 500]   (after `npm run build -w @suture/web`;
// run it on two builds to compare, e.g. before and after a change to proxy.ts)
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startWebServer } from '../test/start-web-server.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '500' } } });
const count = z.coerce.number().int().min(10).max(20_000).parse(values.count);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const measure = async (name: string, request: () => Promise<Response>) => {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < count + 20; i++) {
    const started = performance.now();
    const response = await request();
    await response.arrayBuffer();
    // The first 20 warm the server up (route compilation caches, connection) and are not counted.
    if (i < 20) continue;
    latencies.push(performance.now() - started);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(28)} p50 ${percentile(latencies, 50).toFixed(2)} ms  p95 ${percentile(latencies, 95).toFixed(2)} ms  statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
};

const main = async () => {
  // No database is reached: /login without a session cookie reads none, static files never do.
  const server = await startWebServer({ DATABASE_URL: 'postgresql://bench@127.0.0.1:1/none' });
  try {
    const base = server.baseUrl;
    const login = await (await fetch(`${base}/login`)).text();
    const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(login)?.[1];
    if (!chunk) throw new Error('no static chunk found on /login');
    console.log(
      `bench-proxy: ${count} sequential requests per target, ${cpus().length} cores, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}, proxy ${login.includes('nonce=') ? 'on' : 'off'}`,
    );
    await measure('GET /login (SSR page)', () => fetch(`${base}/login`));
    await measure('GET static chunk', () => fetch(`${base}${chunk}`));
    await measure('POST cross-origin write', () =>
      fetch(`${base}/api/settings/policy`, {
        method: 'PUT',
        headers: { origin: 'http://127.0.0.1:1', 'content-type': 'text/plain' },
        body: '{}',
      }),
    );
  } finally {
    await server.stop();
  }
};

await main();
