// The parts of GitHub's webhook payloads Suture reads. Everything else in a payload is ignored (zod
// strips it), so GitHub adding fields never breaks intake.
import { z } from 'zod';

const repository = z.object({
  id: z.number().int(),
  full_name: z.string().min(3).max(200),
  default_branch: z.string().min(1).max(255).optional(),
  clone_url: z.string().max(2000).optional(),
  private: z.boolean().optional(),
});

const installationRef = z.object({ id: z.number().int() }).optional();

export const workflowRunEventSchema = z.object({
  action: z.string(),
  workflow_run: z.object({
    id: z.number().int(),
    run_attempt: z.number().int().min(1).default(1),
    head_sha: z.string().regex(/^[0-9a-f]{40}$/),
    head_branch: z.string().max(255).nullable(),
    conclusion: z.string().nullable(),
    status: z.string().nullable().optional(),
    name: z.string().max(500).nullable().optional(),
    path: z.string().max(500).optional(),
    html_url: z.string().max(2000).optional(),
    updated_at: z.string().optional(),
    head_commit: z
      .object({ author: z.object({ email: z.string().max(320).optional() }).nullable().optional() })
      .nullable()
      .optional(),
  }),
  repository,
  installation: installationRef,
});

export const checkRunEventSchema = z.object({
  action: z.string(),
  check_run: z.object({
    id: z.number().int(),
    name: z.string().max(500),
    head_sha: z.string().regex(/^[0-9a-f]{40}$/),
    conclusion: z.string().nullable(),
    completed_at: z.string().nullable().optional(),
    app: z.object({ slug: z.string().optional() }).nullable().optional(),
    check_suite: z.object({ head_branch: z.string().nullable().optional() }).nullable().optional(),
  }),
  repository,
  installation: installationRef,
});

const installationRepository = z.object({ id: z.number().int(), full_name: z.string().min(3).max(200) });

export const installationEventSchema = z.object({
  action: z.string(),
  installation: z.object({
    id: z.number().int(),
    account: z.object({ login: z.string() }).nullable().optional(),
  }),
  repositories: z.array(installationRepository).optional(),
});

export const installationRepositoriesEventSchema = z.object({
  action: z.string(),
  installation: z.object({
    id: z.number().int(),
    account: z.object({ login: z.string() }).nullable().optional(),
  }),
  repositories_added: z.array(installationRepository).default([]),
  repositories_removed: z.array(installationRepository).default([]),
});
