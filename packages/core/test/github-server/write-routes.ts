import { simpleGit } from 'simple-git';
import { errorReply, refSha, repositoryOf, requireString } from './route-support.ts';
import type { ApiRoute } from './route-support.ts';
import { renderCheckRun, renderPullRequest } from './render-resources.ts';

/** Endpoints that change fake state; each records what it was asked so tests can assert on it. */
export const writeRoutes: Omit<ApiRoute, 'pattern'>[] = [
  {
    method: 'POST',
    route: 'POST /repos/{owner}/{repo}/pulls',
    auth: 'installation',
    handle: async (context) => {
      const repository = repositoryOf(context);
      const [title, head, base] = [
        requireString(context.body, 'title'),
        requireString(context.body, 'head'),
        requireString(context.body, 'base'),
      ];
      const headSha = await refSha(repository, `refs/heads/${head}`);
      const baseSha = await refSha(repository, `refs/heads/${base}`);
      if (repository.barePath && (!headSha || !baseSha)) {
        return errorReply(422, 'Validation Failed', {
          errors: [{ resource: 'PullRequest', field: headSha ? 'base' : 'head', code: 'invalid' }],
        });
      }
      if (
        context.state.pullRequests.some(
          (pull) =>
            pull.owner === repository.owner &&
            pull.repo === repository.name &&
            pull.head === head &&
            pull.base === base,
        )
      ) {
        return errorReply(422, 'Validation Failed', {
          errors: [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for ${repository.owner}:${head}.`,
            },
          ],
        });
      }
      const number =
        context.state.pullRequests.filter(
          (pull) => pull.owner === repository.owner && pull.repo === repository.name,
        ).length + 1;
      const pull = {
        number,
        owner: repository.owner,
        repo: repository.name,
        title,
        head,
        base,
        body: typeof context.body.body === 'string' ? context.body.body : '',
        draft: context.body.draft === true,
        htmlUrl: `${context.baseUrl}/${repository.owner}/${repository.name}/pull/${number}`,
      };
      context.state.pullRequests.push(pull);
      return {
        status: 201,
        body: renderPullRequest({
          baseUrl: context.baseUrl,
          pull,
          repository,
          headSha: headSha ?? '0'.repeat(40),
          baseSha: baseSha ?? '0'.repeat(40),
        }),
      };
    },
  },
  {
    method: 'POST',
    route: 'POST /repos/{owner}/{repo}/check-runs',
    auth: 'installation',
    handle: (context) => {
      const repository = repositoryOf(context);
      const { body } = context;
      const [name, headSha] = [requireString(body, 'name'), requireString(body, 'head_sha')];
      const status = typeof body.status === 'string' ? body.status : 'queued';
      if (status === 'completed' && typeof body.conclusion !== 'string')
        return errorReply(422, 'Invalid request.\n\n"conclusion" wasn\'t supplied.');
      const checkRun = {
        id: context.state.nextId(),
        owner: repository.owner,
        repo: repository.name,
        name,
        headSha,
        status: typeof body.conclusion === 'string' ? 'completed' : status,
        conclusion: typeof body.conclusion === 'string' ? body.conclusion : null,
        detailsUrl: typeof body.details_url === 'string' ? body.details_url : null,
        externalId: typeof body.external_id === 'string' ? body.external_id : null,
        output: (body.output as { title?: string; summary?: string; text?: string } | undefined) ?? null,
        history: [body],
      };
      context.state.checkRuns.push(checkRun);
      return { status: 201, body: renderCheckRun({ baseUrl: context.baseUrl, checkRun }) };
    },
  },
  {
    method: 'PATCH',
    route: 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
    auth: 'installation',
    handle: (context) => {
      const repository = repositoryOf(context);
      const checkRun = context.state.checkRuns.find(
        (candidate) =>
          candidate.id === Number(context.params.check_run_id) && candidate.repo === repository.name,
      );
      if (!checkRun) return errorReply(404, 'Not Found');
      const { body } = context;
      if (body.status === 'completed' && typeof body.conclusion !== 'string')
        return errorReply(422, 'Invalid request.\n\n"conclusion" wasn\'t supplied.');
      if (typeof body.status === 'string') checkRun.status = body.status;
      if (typeof body.conclusion === 'string')
        [checkRun.conclusion, checkRun.status] = [body.conclusion, 'completed'];
      if (typeof body.details_url === 'string') checkRun.detailsUrl = body.details_url;
      if (body.output) checkRun.output = body.output;
      checkRun.history.push(body);
      return { status: 200, body: renderCheckRun({ baseUrl: context.baseUrl, checkRun }) };
    },
  },
  {
    method: 'DELETE',
    route: 'DELETE /repos/{owner}/{repo}/git/refs/{ref}',
    auth: 'installation',
    handle: async (context) => {
      const repository = repositoryOf(context);
      const ref = context.params.ref ?? '';
      if (repository.barePath) {
        if (!(await refSha(repository, `refs/${ref}`))) return errorReply(422, 'Reference does not exist');
        await simpleGit({ baseDir: repository.barePath }).raw(['update-ref', '-d', `refs/${ref}`]);
      }
      context.state.deletedRefs.push({ owner: repository.owner, repo: repository.name, ref });
      return { status: 204 };
    },
  },
];
