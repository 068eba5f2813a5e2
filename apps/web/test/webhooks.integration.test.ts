// POST /api/github/webhooks on the real app, Postgres and Temporal dev server, with GitHub's real
// payload shapes: authentication, limits, idempotency, dead letters and replay.
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { Webhooks } from '@octokit/webhooks';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '@suture/db';
import { createMigratedDatabase, type TemporaryDatabase } from '@suture/db/testing/temporary-database';
import { startWebServer, type WebServer } from './start-web-server.ts';
import { testEnv } from './test-env.ts';

const env = testEnv();
const secret = randomBytes(24).toString('hex');
const apiToken = randomBytes(24).toString('hex');
const taskQueue = `webhook-test-${randomUUID()}`; // no worker polls it: started workflows just wait
const webhooks = new Webhooks({ secret });
// Workflow ids are deterministic per run id and Temporal remembers them: unique ids per test run.
const runBase = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
type Example = { name: string; examples: Record<string, unknown>[] };
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Example[];

let temp: TemporaryDatabase;
let db: Database;
let server: WebServer;
let connection: Connection;
let client: Client;

const failedRunPayload = (runId: number) => {
  const example = examples
    .find((e) => e.name === 'workflow_run')!
    .examples.find(
      (e) => e.action === 'completed' && (e.workflow_run as { conclusion: string }).conclusion === 'success',
    )!;
  const payload = structuredClone(example) as {
    workflow_run: Record<string, unknown>;
    installation?: { id: number };
  };
  payload.workflow_run.id = runId;
  payload.workflow_run.conclusion = 'failure';
  payload.installation = { id: 4242 };
  return payload;
};

const deliver = async (options: {
  event: string;
  body: string;
  deliveryId?: string;
  signature?: string | null;
  contentLength?: string;
}) => {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': options.event,
    'x-github-delivery': options.deliveryId ?? randomUUID(),
  };
  const signature = options.signature === undefined ? await webhooks.sign(options.body) : options.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const response = await fetch(`${server.baseUrl}/api/github/webhooks`, {
    method: 'POST',
    headers,
    body: options.body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  temp = await createMigratedDatabase(env.DATABASE_URL);
  db = createDatabase({ databaseUrl: temp.url, maxConnections: 3 });
  server = await startWebServer({
    DATABASE_URL: temp.url,
    TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
    SUTURE_TASK_QUEUE: taskQueue,
    GITHUB_WEBHOOK_SECRET: secret,
    SUTURE_API_TOKEN: apiToken,
    WEBHOOK_MAX_BYTES: String(64 * 1024),
  });
  connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  client = new Client({ connection });
});

afterAll(async () => {
  await server?.stop();
  const runs = (await db?.healingRun.findMany({ select: { workflowId: true } })) ?? [];
  await Promise.allSettled(
    runs.map((run) => client.workflow.getHandle(run.workflowId).terminate('test cleanup')),
  );
  await connection?.close();
  await db?.$disconnect();
  await temp?.drop();
});

describe('POST /api/github/webhooks', () => {
  it('starts exactly one healing workflow for a failed run, however often it is delivered', async () => {
    const payload = failedRunPayload(runBase + 1) as { repository?: { full_name: string } };
    const fullName = payload.repository!.full_name;
    const body = JSON.stringify(payload);
    const deliveryId = randomUUID();
    const first = await deliver({ event: 'workflow_run', body, deliveryId });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ duplicate: false, status: 'processed', detail: 'healing started' });
    const workflowId = first.body.workflowId as string;
    expect(workflowId).toBe(`heal:github:${fullName}:${runBase + 1}:1`);

    const redelivered = await deliver({ event: 'workflow_run', body, deliveryId });
    expect(redelivered).toMatchObject({ status: 202, body: { duplicate: true } });
    // The same failure under a new delivery id (GitHub re-sent it as a new event) must not heal twice.
    const resent = await deliver({ event: 'workflow_run', body });
    expect(resent.body).toMatchObject({ status: 'processed', detail: 'healing already running', workflowId });

    expect(await db.healingRun.count({ where: { workflowId } })).toBe(1);
    expect(await db.failureEvent.count()).toBe(1);
    // The commit author, for the four-eyes rule on approvals.
    const author = (payload as { workflow_run?: { head_commit?: { author?: { email?: string } } } })
      .workflow_run?.head_commit?.author?.email;
    expect((await db.failureEvent.findFirstOrThrow()).commitAuthorEmail).toBe(author?.toLowerCase() ?? null);
    const description = await client.workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.type).toBe('selfHealing');
    const repo = await db.repository.findFirstOrThrow({ where: { fullName } });
    expect(repo).toMatchObject({ provider: 'github', githubInstallationId: 4242n, enabled: true });
    const audit = await db.auditEvent.findMany({ where: { action: 'run.created' } });
    expect(audit).toHaveLength(1);
  });

  it('rejects a missing or wrong signature with 401 and records nothing', async () => {
    const before = await db.webhookDelivery.count();
    const body = JSON.stringify(failedRunPayload(runBase + 2));
    expect((await deliver({ event: 'workflow_run', body, signature: null })).status).toBe(401);
    const forged = await deliver({
      event: 'workflow_run',
      body,
      signature: await new Webhooks({ secret: 'not-the-secret-at-all' }).sign(body),
    });
    expect(forged).toMatchObject({
      status: 401,
      body: { error: 'UNAUTHORIZED', message: 'signature does not match' },
    });
    const tampered = await deliver({
      event: 'workflow_run',
      body: body.replace(String(runBase + 2), String(runBase + 3)),
      signature: await webhooks.sign(body),
    });
    expect(tampered.status).toBe(401);
    expect(await db.webhookDelivery.count()).toBe(before);
    expect(await db.healingRun.count({ where: { workflowId: { contains: `:${runBase + 2}:` } } })).toBe(0);
  });

  it('answers 413 for an oversized body, 400 for malformed JSON or payload, and 400 without event headers', async () => {
    const huge = JSON.stringify({ action: 'completed', padding: 'x'.repeat(70 * 1024) });
    expect((await deliver({ event: 'workflow_run', body: huge })).status).toBe(413);
    const malformed = await deliver({ event: 'workflow_run', body: '{"action": "completed", ' });
    expect(malformed.status).toBe(400);
    expect(String(malformed.body.message)).toMatch(/malformed JSON/);
    const badShape = failedRunPayload(runBase + 4);
    badShape.workflow_run.head_sha = 'zzz';
    const invalid = await deliver({ event: 'workflow_run', body: JSON.stringify(badShape) });
    expect(invalid).toMatchObject({ status: 400 });
    expect(String(invalid.body.message)).toMatch(/workflow_run.head_sha/);
    const response = await fetch(`${server.baseUrl}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'x-hub-signature-256': 'sha256=00' },
      body: '{}',
    });
    expect(response.status).toBe(400);
  });

  it('acknowledges ping and unused events with 202, and registers installation repositories', async () => {
    const ping = examples.find((e) => e.name === 'ping')!.examples[0]!;
    expect((await deliver({ event: 'ping', body: JSON.stringify(ping) })).body).toMatchObject({
      status: 'processed',
      detail: 'pong',
    });
    expect((await deliver({ event: 'star', body: '{"action":"created"}' })).body).toMatchObject({
      status: 'ignored',
    });
    const created = examples
      .find((e) => e.name === 'installation')!
      .examples.find((e) => e.action === 'created')!;
    const registered = await deliver({ event: 'installation', body: JSON.stringify(created) });
    expect(registered.status).toBe(202);
    const names = (created.repositories as { full_name: string }[]).map((r) => r.full_name);
    expect(await db.repository.count({ where: { fullName: { in: names }, enabled: true } })).toBe(
      names.length,
    );
  });

  it('turns a processing failure into a dead letter that is listed and can be replayed', async () => {
    // A second instance whose workflow starts fail (its Temporal namespace does not exist), sharing the database.
    const badServer = await startWebServer({
      DATABASE_URL: temp.url,
      TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: 'no-such-namespace',
      SUTURE_TASK_QUEUE: taskQueue,
      GITHUB_WEBHOOK_SECRET: secret,
      SUTURE_API_TOKEN: apiToken,
    });
    const deliveryId = randomUUID();
    const body = JSON.stringify(failedRunPayload(runBase + 5));
    try {
      const response = await fetch(`${badServer.baseUrl}/api/github/webhooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'workflow_run',
          'x-github-delivery': deliveryId,
          'x-hub-signature-256': await webhooks.sign(body),
        },
        body,
      });
      expect(response.status).toBe(202);
      expect(await response.json()).toMatchObject({ status: 'dead_letter' });
    } finally {
      await badServer.stop();
    }
    const auth = { authorization: `Bearer ${apiToken}` };
    expect((await fetch(`${server.baseUrl}/api/github/deliveries`)).status).toBe(401);
    const listed = (await (
      await fetch(`${server.baseUrl}/api/github/deliveries?status=dead_letter`, { headers: auth })
    ).json()) as { deliveries: { deliveryId: string; error: string }[] };
    expect(listed.deliveries.map((d) => d.deliveryId)).toContain(deliveryId);
    expect(listed.deliveries.find((d) => d.deliveryId === deliveryId)!.error).toMatch(/namespace/i);

    const replay = await fetch(`${server.baseUrl}/api/github/deliveries/${deliveryId}/replay`, {
      method: 'POST',
      headers: auth,
    });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ status: 'processed', detail: 'healing started' });
    const again = await fetch(`${server.baseUrl}/api/github/deliveries/${deliveryId}/replay`, {
      method: 'POST',
      headers: auth,
    });
    expect(again.status).toBe(409);
    const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { deliveryId } });
    expect(delivery).toMatchObject({ status: 'processed', attempts: 2, error: null });
  });
});
