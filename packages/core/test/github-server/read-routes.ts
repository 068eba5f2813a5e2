import { randomBytes } from 'node:crypto';
import { simpleGit } from 'simple-git';
import { strToU8, zipSync } from 'fflate';
import { errorReply, jobsOf, page, repositoryOf } from './route-support.ts';
import type { ApiRoute, Blob } from './route-support.ts';
import { renderRepository, renderWorkflowRun } from './render-resources.ts';

/** Endpoints that only read fake state (plus token minting and the log blob redirect). */
export const readRoutes: Omit<ApiRoute, 'pattern'>[] = [
  {
    method: 'POST',
    route: 'POST /app/installations/{installation_id}/access_tokens',
    auth: 'jwt',
    handle: ({ state, params }) => {
      const installationId = Number(params.installation_id);
      if (!state.installations.has(installationId)) return errorReply(404, 'Not Found');
      const token = `ghs_${randomBytes(27).toString('base64url').slice(0, 36)}`;
      const expiresAt = new Date(Date.now() + state.tokenTtlMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
      state.issuedTokens.push({ installationId, token, expiresAt });
      return {
        status: 201,
        body: {
          token,
          expires_at: expiresAt,
          permissions: { actions: 'read', checks: 'write', contents: 'write', pull_requests: 'write' },
          repository_selection: 'selected',
        },
      };
    },
  },
  {
    method: 'GET',
    route: 'GET /installation/repositories',
    auth: 'installation',
    handle: (context) => {
      const repositories = context.state.repositories.filter(
        (repository) => repository.installationId === context.installationId,
      );
      return {
        status: 200,
        body: {
          total_count: repositories.length,
          repository_selection: 'selected',
          repositories: page(repositories, context.query).map((repository) =>
            renderRepository({ baseUrl: context.baseUrl, repository }),
          ),
        },
      };
    },
  },
  {
    method: 'GET',
    route: 'GET /repos/{owner}/{repo}',
    auth: 'installation',
    handle: (context) => ({
      status: 200,
      body: renderRepository({ baseUrl: context.baseUrl, repository: repositoryOf(context) }),
    }),
  },
  {
    method: 'GET',
    route: 'GET /repos/{owner}/{repo}/commits/{ref}',
    auth: 'installation',
    // Read from the repository's bare git directory, as GitHub reads its own.
    handle: async (context) => {
      const repository = repositoryOf(context);
      if (!repository.barePath) return errorReply(404, 'Not Found');
      const line = await simpleGit({ baseDir: repository.barePath })
        .raw(['log', '-1', '--format=%H%x00%an%x00%ae%x00%aI', context.params.ref!])
        .catch(() => null);
      if (!line) return errorReply(422, `No commit found for SHA: ${context.params.ref}`);
      const [sha, name, email, date] = line.trim().split('\0');
      return { status: 200, body: { sha, commit: { author: { name, email, date } } } };
    },
  },
  {
    method: 'GET',
    route: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
    auth: 'installation',
    handle: (context) => {
      const repository = repositoryOf(context);
      const run = context.state.runs.find(
        (candidate) =>
          candidate.id === Number(context.params.run_id) &&
          candidate.owner === repository.owner &&
          candidate.repo === repository.name,
      );
      return run
        ? { status: 200, body: renderWorkflowRun({ baseUrl: context.baseUrl, run, repository }) }
        : errorReply(404, 'Not Found');
    },
  },
  {
    method: 'GET',
    route: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
    auth: 'installation',
    handle: jobsOf,
  },
  {
    method: 'GET',
    route: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs',
    auth: 'installation',
    handle: jobsOf,
  },
  {
    method: 'GET',
    route: 'GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs',
    auth: 'installation',
    handle: (context) => {
      repositoryOf(context);
      const log = context.state.logs.get(Number(context.params.job_id));
      if (!log) return errorReply(404, 'Not Found');
      const blob: Blob =
        'text' in log
          ? { bytes: strToU8(log.text), contentType: 'text/plain' }
          : 'zip' in log
            ? {
                bytes: zipSync(
                  Object.fromEntries(Object.entries(log.zip).map(([name, text]) => [name, strToU8(text)])),
                ),
                contentType: 'application/zip',
              }
            : log;
      // Like GitHub: a short-lived, unguessable URL on another path that needs no Authorization header.
      const id = randomBytes(12).toString('hex');
      context.blobs.set(id, blob);
      return {
        status: 302,
        headers: { location: `${context.baseUrl}/blobs/${id}?sig=${randomBytes(8).toString('hex')}` },
      };
    },
  },
  {
    method: 'GET',
    route: 'GET /blobs/{blob_id}',
    auth: 'none',
    handle: (context) => {
      const blob = context.blobs.get(context.params.blob_id ?? '');
      return blob
        ? { status: 200, raw: blob.bytes, headers: { 'content-type': blob.contentType } }
        : { status: 404, raw: strToU8('BlobNotFound') };
    },
  },
  {
    method: 'GET',
    route: 'GET /repos/{owner}/{repo}/contents/{path}',
    auth: 'installation',
    handle: (context) => {
      const repository = repositoryOf(context);
      const ref = context.query.get('ref') ?? repository.defaultBranch;
      const path = context.params.path ?? '';
      const content = context.state.files.get(`${repository.owner}/${repository.name}@${ref}:${path}`);
      if (content === undefined) return errorReply(404, 'Not Found');
      const bytes = Buffer.from(content);
      const url = `${context.baseUrl}/repos/${repository.owner}/${repository.name}/contents/${path}?ref=${ref}`;
      // GitHub wraps the base64 at 60 columns.
      const encoded = (bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n');
      return {
        status: 200,
        body: {
          type: 'file',
          encoding: 'base64',
          size: bytes.length,
          name: path.split('/').pop(),
          path,
          content: encoded,
          sha: 'f'.repeat(40),
          url,
          git_url: url,
          html_url: url,
          download_url: url,
          _links: { self: url, git: url, html: url },
        },
      };
    },
  },
];
