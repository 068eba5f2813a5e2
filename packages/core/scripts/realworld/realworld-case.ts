import { z } from 'zod';
import { FailureCategory } from '../../src/diagnosis/diagnosis-result.ts';

const commitSha = z.string().regex(/^[0-9a-f]{40}$/, 'must be a full 40-hex commit sha');

/** A path inside the repository: relative, no way out of it. */
const subdir = z
  .string()
  .min(1)
  .refine((value) => !value.startsWith('/') && !value.split('/').includes('..'), {
    message: 'must be a relative path inside the repository',
  });

/**
 * One real-world case: a public commit that broke CI and the commit that fixed it. Only this metadata is
 * committed; the code and the log are recreated from a local mirror of the repository's public history.
 */
export const RealworldCase = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9._-]+-[0-9a-f]{7,12}$/, 'must be <owner>-<name>-<short broken sha>'),
    repo: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*\/[A-Za-z0-9._-]+$/, 'must be <owner>/<name>'),
    language: z.enum(['typescript', 'javascript', 'rust', 'go', 'python']),
    broken: commitSha,
    fix: commitSha,
    subdir,
    setup: z.array(z.string().min(1)),
    command: z.string().min(1),
    tests: z.string().min(1).nullable(),
    category: FailureCategory,
    expected: z.enum(['fixed', 'not_fixed']),
    why: z.string().min(1),
  })
  .refine(
    (value) => {
      const [owner, name] = value.repo.split('/');
      const prefix = `${owner ?? ''}-${name ?? ''}-`;
      return value.id.startsWith(prefix) && value.broken.startsWith(value.id.slice(prefix.length));
    },
    { message: 'id must be <owner>-<name>-<a prefix of the broken sha>', path: ['id'] },
  )
  .refine((value) => value.broken !== value.fix, { message: 'fix must differ from broken', path: ['fix'] });
export type RealworldCase = z.infer<typeof RealworldCase>;
