// The demo's repositories: repair-bench fixtures (small projects with a good commit and a breaking one, and
// the CI log of the breaking one), each standing for a kind of failure the dashboard should show.
export type DemoCase = {
  /** The repair case under packages/core/test/fixtures/repair/cases, and the demo repository's name. */
  fixture: string;
  /** What the failure is, for the terminal. */
  story: string;
  /** How the run should end up: a verified patch waiting for approval, or a verdict without a patch. */
  expected: 'waiting_approval' | 'no_patch' | 'refused';
};

export const demoCases: DemoCase[] = [
  {
    fixture: 'ts-renamed-export',
    story: 'TypeScript type error after a rename',
    expected: 'waiting_approval',
  },
  { fixture: 'eslint-errors', story: 'ESLint errors', expected: 'waiting_approval' },
  {
    fixture: 'rust-unused-import',
    story: 'Rust warning denied as an error (RUSTFLAGS=-D warnings)',
    expected: 'waiting_approval',
  },
  { fixture: 'flaky-test', story: 'a flaky test: rerun the job, no patch', expected: 'no_patch' },
  {
    fixture: 'weakening-test',
    story: 'a failing test whose only "fix" would weaken it: refused',
    expected: 'refused',
  },
];
