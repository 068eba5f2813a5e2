/**
 * A local fake of the GitHub API for tests: node:http on 127.0.0.1 with a random port, no network.
 *
 *   const github = await startFakeGitHub();          // { url, state, app: { appId, privateKey }, stop }
 *   const installationId = github.state.addInstallation();
 *   const bare = await createBareRepository({ files: { 'package.json': '{}' } });
 *   github.state.addRepository({ installationId, owner: 'acme', name: 'shop', barePath: bare.path });
 *   const run = github.state.addWorkflowRun({ owner: 'acme', repo: 'shop', headSha: bare.sha });
 *   github.state.addJob({ runId: run.id, name: 'test', steps: [{ name: 'npm test', conclusion: 'failure' }],
 *                        logs: { text: '...' } });                 // or { zip: { '1_npm test.txt': '...' } }
 *   github.state.setFile({ owner: 'acme', repo: 'shop', ref: bare.sha, path: '.github/workflows/ci.yml', content });
 *   const client = createGitHubClient({ appId: github.app.appId, privateKey: github.app.privateKey, baseUrl: github.url });
 *   const payload = buildWorkflowRunEvent({ github, runId: run.id }); // webhook body with installation.id
 *   ...
 *   github.state.pullRequests / checkRuns / deletedRefs / issuedTokens / requests   // what was recorded
 *   github.state.requestCount('GET /repos/{owner}/{repo}/actions/runs/{run_id}')   // Octokit route spelling
 *   github.state.injectFailure({ route: 'POST /repos/{owner}/{repo}/pulls', status: 502, count: 2 });
 *   github.state.injectFailure({ route: '*', status: 429, retryAfterSeconds: 0 });
 *   await github.stop();
 *
 * Endpoints (GitHub's response shapes, from @octokit/webhooks-examples templates):
 *   POST   /app/installations/{id}/access_tokens   App JWT (RS256, verified against the generated key) -> ghs_ token,
 *                                                  expires_at = now + state.tokenTtlMs
 *   GET    /installation/repositories              paginated
 *   GET    /repos/{o}/{r}                          clone_url = <url>/git/{o}/{r}.git when the repo has a barePath
 *   GET    /repos/{o}/{r}/actions/runs/{id}
 *   GET    /repos/{o}/{r}/actions/runs/{id}/jobs, .../attempts/{n}/jobs
 *   GET    /repos/{o}/{r}/actions/jobs/{id}/logs    302 -> <url>/blobs/{random} (no auth needed; text/plain or application/zip)
 *   GET    /repos/{o}/{r}/contents/{path}?ref=      base64, keyed by exact ref
 *   POST   /repos/{o}/{r}/pulls                    recorded; 422 if head/base branch missing in the bare repo or PR exists
 *   POST   /repos/{o}/{r}/check-runs, PATCH .../check-runs/{id}   recorded with full history
 *   DELETE /repos/{o}/{r}/git/refs/{ref}           deletes in the bare repo (422 "Reference does not exist" if absent)
 *   *      /git/{o}/{r}.git/...                    git smart HTTP via `git http-backend`; Basic x-access-token:<token>
 * Installation routes need `Authorization: token <installation token>`; a repo of another installation is 404.
 */
export { startFakeGitHub } from './start-fake-github.ts';
export type { FakeGitHub } from './start-fake-github.ts';
export type {
  FakeGitHubState,
  FakeJob,
  FakeLog,
  FakeRepository,
  FakeRun,
  RecordedCheckRun,
  RecordedPullRequest,
  RecordedRequest,
} from './fake-state.ts';
export { createBareRepository } from './create-bare-repository.ts';
export type { BareRepository } from './create-bare-repository.ts';
export { createTestAppKey } from './create-test-app-key.ts';
export { buildWorkflowRunEvent } from './build-workflow-run-event.ts';
