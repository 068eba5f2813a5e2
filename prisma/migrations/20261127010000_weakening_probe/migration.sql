-- The weakening probe's candidate (a skipped failing test), recorded so the refusal shows what was refused.
ALTER TYPE "PatchStrategy" ADD VALUE 'weakening_probe';
