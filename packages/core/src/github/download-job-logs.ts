import { AppError } from '../errors/app-error.ts';
import { callGitHub } from './call-github.ts';
import { createLogCollector } from './create-log-collector.ts';
import type { GitHubConnection, RepositoryRef } from './github-types.ts';
import { isZipArchive, readLogArchive } from './read-log-archive.ts';

export type JobLogs = {
  text: string;
  format: 'text' | 'zip';
  truncated: boolean;
  /** Bytes of log text GitHub had (after unzipping), including any that were cut. */
  totalBytes: number;
  omittedBytes: number;
  files: string[];
};

const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
const DEFAULT_DOWNLOAD_TIMEOUT_MS = 120_000;

const blobError = (status: number): AppError =>
  new AppError(
    status >= 500 || status === 429
      ? 'UNAVAILABLE'
      : status === 404 || status === 410
        ? 'NOT_FOUND'
        : 'FORBIDDEN',
    `GitHub log download failed with HTTP ${status}`,
    {
      details: { operation: 'download job logs', status },
    },
  );

/**
 * Downloads one job's log. The API answers 302 to a short-lived signed URL; the redirect is followed by
 * hand so the installation token is never sent to the blob host. Plain text is streamed into a bounded
 * collector; a zip (per-step files) is read whole, up to maxArchiveBytes compressed, then flattened.
 * A retry re-requests the redirect, because the signed URL may have expired in the meantime.
 */
export const downloadJobLogs = async (
  options: RepositoryRef & {
    connection: GitHubConnection;
    jobId: number;
    maxBytes?: number;
    maxArchiveBytes?: number;
    downloadTimeoutMs?: number;
  },
): Promise<JobLogs> => {
  const { connection, installationId, owner, repo, jobId } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxArchiveBytes = options.maxArchiveBytes ?? maxBytes * 4;
  return callGitHub({
    connection,
    installationId,
    operation: 'download job logs',
    send: async (extras) => {
      const redirect = await connection.octokit.request(
        'GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs',
        {
          owner,
          repo,
          job_id: jobId,
          ...extras,
          request: { ...extras.request, redirect: 'manual' },
        },
      );
      const location = (redirect.headers as Record<string, unknown>).location;
      if (typeof location !== 'string') {
        // Some proxies answer with the log itself instead of a redirect.
        const collector = createLogCollector({ maxBytes });
        collector.push(
          typeof redirect.data === 'string'
            ? Buffer.from(redirect.data)
            : new Uint8Array(redirect.data as ArrayBuffer),
        );
        return { ...collector.finish(), format: 'text', files: [] } satisfies JobLogs;
      }
      const response = await fetch(new URL(location, connection.baseUrl), {
        signal: AbortSignal.timeout(options.downloadTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS),
      });
      if (!response.ok || !response.body) throw blobError(response.status);
      const contentType = response.headers.get('content-type') ?? '';

      const collector = createLogCollector({ maxBytes });
      const archive: Uint8Array[] = [];
      let archiveBytes = 0;
      let zip: boolean | undefined = /zip/i.test(contentType) ? true : undefined;
      // Web streams are async iterable in Node 20; the DOM-less typings do not say so.
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        zip ??= isZipArchive(chunk);
        if (!zip) {
          collector.push(chunk);
          continue;
        }
        archiveBytes += chunk.byteLength;
        if (archiveBytes > maxArchiveBytes) {
          await response.body.cancel();
          throw new AppError(
            'TOO_LARGE',
            `GitHub log archive for job ${jobId} exceeds ${maxArchiveBytes} bytes`,
            { details: { jobId, maxArchiveBytes } },
          );
        }
        archive.push(chunk);
      }
      if (zip)
        return {
          ...readLogArchive({ bytes: Buffer.concat(archive), maxBytes }),
          format: 'zip',
        } satisfies JobLogs;
      return { ...collector.finish(), format: 'text', files: [] } satisfies JobLogs;
    },
  });
};
