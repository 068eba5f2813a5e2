-- The failing commit's author, so nobody approves a patch for a commit they wrote.
ALTER TABLE "FailureEvent" ADD COLUMN "commitAuthorEmail" TEXT;
