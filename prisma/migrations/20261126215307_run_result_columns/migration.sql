-- AlterTable
ALTER TABLE "Diagnosis" ADD COLUMN     "result" JSONB;

-- AlterTable
ALTER TABLE "HealingRun" ADD COLUMN     "githubCheckRunId" BIGINT;
