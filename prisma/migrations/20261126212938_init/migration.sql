-- CreateEnum
CREATE TYPE "Role" AS ENUM ('owner', 'admin', 'approver', 'viewer');

-- CreateEnum
CREATE TYPE "RepositoryProvider" AS ENUM ('github', 'local');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('received', 'processed', 'ignored', 'failed', 'dead_letter');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'waiting_approval', 'succeeded', 'failed', 'rejected', 'expired', 'cancelled');

-- CreateEnum
CREATE TYPE "RunStage" AS ENUM ('received', 'context', 'diagnose', 'reproduce', 'patch', 'verify', 'assess', 'policy', 'approval', 'deliver', 'done');

-- CreateEnum
CREATE TYPE "RunOutcome" AS ENUM ('pr_opened', 'branch_created', 'flaky_infrastructure', 'refused', 'no_fix', 'rejected', 'expired', 'cancelled', 'error');

-- CreateEnum
CREATE TYPE "PolicyDecision" AS ENUM ('reject', 'needs_approval', 'auto_open');

-- CreateEnum
CREATE TYPE "StageStatus" AS ENUM ('running', 'succeeded', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "FailureCategory" AS ENUM ('compile_error', 'type_error', 'test_failure', 'snapshot_mismatch', 'lint_error', 'format_error', 'dependency_install', 'build_config', 'permission_or_secret', 'timeout', 'out_of_memory', 'network_or_infra', 'docker_build', 'unknown');

-- CreateEnum
CREATE TYPE "DiagnosisEngine" AS ENUM ('heuristic', 'claude');

-- CreateEnum
CREATE TYPE "DiagnosisFeedback" AS ENUM ('correct', 'incorrect');

-- CreateEnum
CREATE TYPE "PatchStrategy" AS ENUM ('formatter', 'linter_fix', 'ts_codefix', 'rustc_suggestion', 'go_imports', 'llm_morph', 'llm_search_replace');

-- CreateEnum
CREATE TYPE "ValidationStatus" AS ENUM ('passed', 'failed', 'timeout', 'skipped');

-- CreateEnum
CREATE TYPE "ExecutionPhase" AS ENUM ('original', 'patched');

-- CreateEnum
CREATE TYPE "SandboxBackend" AS ENUM ('local', 'docker', 'freestyle');

-- CreateEnum
CREATE TYPE "TestOutcome" AS ENUM ('passed', 'failed', 'skipped', 'timeout', 'error');

-- CreateEnum
CREATE TYPE "TestVerdictKind" AS ENUM ('pass', 'fail', 'flaky', 'timeout', 'fixed', 'still_failing', 'not_reproduced');

-- CreateEnum
CREATE TYPE "ProofStatus" AS ENUM ('proved', 'failed', 'skipped', 'error');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('approve', 'reject');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('user', 'system', 'github', 'worker');

-- CreateEnum
CREATE TYPE "ArtifactStorage" AS ENUM ('database', 'filesystem');

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "fromGroupClaim" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "emailVerified" TIMESTAMPTZ(3),
    "image" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL
);

-- CreateTable
CREATE TABLE "Repository" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "provider" "RepositoryProvider" NOT NULL,
    "fullName" TEXT NOT NULL,
    "githubRepoId" BIGINT,
    "githubInstallationId" BIGINT,
    "localPath" TEXT,
    "defaultBranch" TEXT NOT NULL DEFAULT 'main',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Repository_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "action" TEXT,
    "signatureValid" BOOLEAN NOT NULL,
    "payload" JSONB,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'received',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FailureEvent" (
    "id" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "webhookDeliveryId" TEXT,
    "providerRunId" TEXT NOT NULL,
    "providerJobId" TEXT,
    "runAttempt" INTEGER NOT NULL DEFAULT 1,
    "headSha" TEXT NOT NULL,
    "branch" TEXT,
    "workflowName" TEXT,
    "workflowPath" TEXT,
    "jobName" TEXT,
    "stepName" TEXT,
    "command" TEXT,
    "conclusion" TEXT NOT NULL,
    "failedAt" TIMESTAMPTZ(3) NOT NULL,
    "logArtifactId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FailureEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealingRun" (
    "id" TEXT NOT NULL,
    "failureEventId" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "stage" "RunStage" NOT NULL DEFAULT 'received',
    "outcome" "RunOutcome",
    "policyDecision" "PolicyDecision",
    "policyVersionId" TEXT,
    "requiredApprovals" INTEGER NOT NULL DEFAULT 1,
    "errorMessage" TEXT,
    "branchName" TEXT,
    "prNumber" INTEGER,
    "prUrl" TEXT,
    "patchFilePath" TEXT,
    "failureCompletedAt" TIMESTAMPTZ(3) NOT NULL,
    "readyForApprovalAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "mttrReadyMs" INTEGER,
    "mttrDeliveredMs" INTEGER,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "HealingRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealingStage" (
    "id" TEXT NOT NULL,
    "healingRunId" TEXT NOT NULL,
    "stage" "RunStage" NOT NULL,
    "status" "StageStatus" NOT NULL DEFAULT 'running',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,
    "detail" JSONB,

    CONSTRAINT "HealingStage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Diagnosis" (
    "id" TEXT NOT NULL,
    "healingRunId" TEXT NOT NULL,
    "category" "FailureCategory" NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "summary" TEXT NOT NULL,
    "rootCause" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "files" JSONB NOT NULL,
    "failingTests" JSONB NOT NULL,
    "errorCodes" TEXT[],
    "failingStep" TEXT,
    "flakySuspect" BOOLEAN NOT NULL DEFAULT false,
    "flakyReason" TEXT,
    "engine" "DiagnosisEngine" NOT NULL,
    "model" TEXT,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "durationMs" INTEGER NOT NULL,
    "fallbackReason" TEXT,
    "feedback" "DiagnosisFeedback",
    "feedbackById" TEXT,
    "feedbackAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Diagnosis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatchAttempt" (
    "id" TEXT NOT NULL,
    "healingRunId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "strategy" "PatchStrategy" NOT NULL,
    "diff" TEXT NOT NULL,
    "filesChanged" INTEGER NOT NULL DEFAULT 0,
    "linesAdded" INTEGER NOT NULL DEFAULT 0,
    "linesRemoved" INTEGER NOT NULL DEFAULT 0,
    "validationStatus" "ValidationStatus" NOT NULL,
    "validationOutput" TEXT,
    "diagnostics" JSONB,
    "riskScore" INTEGER,
    "riskReasons" JSONB,
    "guardrailFindings" JSONB,
    "selected" BOOLEAN NOT NULL DEFAULT false,
    "durationMs" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PatchAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TestExecution" (
    "id" TEXT NOT NULL,
    "healingRunId" TEXT NOT NULL,
    "patchAttemptId" TEXT,
    "phase" "ExecutionPhase" NOT NULL,
    "runIndex" INTEGER NOT NULL,
    "backend" "SandboxBackend" NOT NULL,
    "command" TEXT NOT NULL,
    "exitCode" INTEGER,
    "signal" TEXT,
    "timedOut" BOOLEAN NOT NULL DEFAULT false,
    "wallMs" INTEGER NOT NULL,
    "cpuMs" INTEGER,
    "maxRssKb" INTEGER,
    "passed" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "traceArtifactId" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TestExecution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TestCaseResult" (
    "id" TEXT NOT NULL,
    "testExecutionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "file" TEXT,
    "outcome" "TestOutcome" NOT NULL,
    "durationMs" INTEGER,
    "failureMessage" TEXT,
    "signature" TEXT,

    CONSTRAINT "TestCaseResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TestVerdict" (
    "id" TEXT NOT NULL,
    "healingRunId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "file" TEXT,
    "verdict" "TestVerdictKind" NOT NULL,
    "runs" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "failureRate" DOUBLE PRECISION NOT NULL,
    "intervalLow" DOUBLE PRECISION NOT NULL,
    "intervalHigh" DOUBLE PRECISION NOT NULL,
    "reason" TEXT,

    CONSTRAINT "TestVerdict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProofResult" (
    "id" TEXT NOT NULL,
    "healingRunId" TEXT NOT NULL,
    "patchAttemptId" TEXT,
    "invariant" TEXT NOT NULL,
    "prover" TEXT NOT NULL,
    "status" "ProofStatus" NOT NULL,
    "output" TEXT,
    "durationMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProofResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" TEXT NOT NULL,
    "healingRunId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "rego" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" BIGSERIAL NOT NULL,
    "organizationId" TEXT,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "data" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "Artifact" (
    "sha256" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "mediaType" TEXT NOT NULL,
    "storage" "ArtifactStorage" NOT NULL DEFAULT 'database',
    "content" BYTEA,
    "path" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Artifact_pkey" PRIMARY KEY ("sha256")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_organizationId_userId_key" ON "Membership"("organizationId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Account_userId_idx" ON "Account"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_sessionToken_key" ON "Session"("sessionToken");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_token_key" ON "VerificationToken"("token");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_identifier_token_key" ON "VerificationToken"("identifier", "token");

-- CreateIndex
CREATE UNIQUE INDEX "Repository_githubRepoId_key" ON "Repository"("githubRepoId");

-- CreateIndex
CREATE UNIQUE INDEX "Repository_localPath_key" ON "Repository"("localPath");

-- CreateIndex
CREATE INDEX "Repository_githubInstallationId_idx" ON "Repository"("githubInstallationId");

-- CreateIndex
CREATE UNIQUE INDEX "Repository_organizationId_provider_fullName_key" ON "Repository"("organizationId", "provider", "fullName");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_deliveryId_key" ON "WebhookDelivery"("deliveryId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_receivedAt_idx" ON "WebhookDelivery"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_event_receivedAt_idx" ON "WebhookDelivery"("event", "receivedAt");

-- CreateIndex
CREATE INDEX "FailureEvent_repositoryId_failedAt_idx" ON "FailureEvent"("repositoryId", "failedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FailureEvent_repositoryId_providerRunId_runAttempt_key" ON "FailureEvent"("repositoryId", "providerRunId", "runAttempt");

-- CreateIndex
CREATE UNIQUE INDEX "HealingRun_workflowId_key" ON "HealingRun"("workflowId");

-- CreateIndex
CREATE INDEX "HealingRun_repositoryId_createdAt_idx" ON "HealingRun"("repositoryId", "createdAt");

-- CreateIndex
CREATE INDEX "HealingRun_status_createdAt_idx" ON "HealingRun"("status", "createdAt");

-- CreateIndex
CREATE INDEX "HealingRun_stage_idx" ON "HealingRun"("stage");

-- CreateIndex
CREATE INDEX "HealingRun_createdAt_idx" ON "HealingRun"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "HealingStage_healingRunId_stage_key" ON "HealingStage"("healingRunId", "stage");

-- CreateIndex
CREATE INDEX "Diagnosis_healingRunId_idx" ON "Diagnosis"("healingRunId");

-- CreateIndex
CREATE INDEX "Diagnosis_category_createdAt_idx" ON "Diagnosis"("category", "createdAt");

-- CreateIndex
CREATE INDEX "Diagnosis_feedback_idx" ON "Diagnosis"("feedback");

-- CreateIndex
CREATE UNIQUE INDEX "PatchAttempt_healingRunId_attempt_key" ON "PatchAttempt"("healingRunId", "attempt");

-- CreateIndex
CREATE UNIQUE INDEX "TestExecution_healingRunId_phase_runIndex_key" ON "TestExecution"("healingRunId", "phase", "runIndex");

-- CreateIndex
CREATE INDEX "TestCaseResult_testExecutionId_idx" ON "TestCaseResult"("testExecutionId");

-- CreateIndex
CREATE INDEX "TestCaseResult_name_idx" ON "TestCaseResult"("name");

-- CreateIndex
CREATE UNIQUE INDEX "TestVerdict_healingRunId_scope_name_key" ON "TestVerdict"("healingRunId", "scope", "name");

-- CreateIndex
CREATE INDEX "ProofResult_healingRunId_idx" ON "ProofResult"("healingRunId");

-- CreateIndex
CREATE INDEX "Approval_userId_createdAt_idx" ON "Approval"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Approval_healingRunId_userId_key" ON "Approval"("healingRunId", "userId");

-- CreateIndex
CREATE INDEX "PolicyVersion_organizationId_active_idx" ON "PolicyVersion"("organizationId", "active");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_organizationId_version_key" ON "PolicyVersion"("organizationId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_createdAt_idx" ON "AuditEvent"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_subjectType_subjectId_idx" ON "AuditEvent"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Repository" ADD CONSTRAINT "Repository_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FailureEvent" ADD CONSTRAINT "FailureEvent_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "Repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FailureEvent" ADD CONSTRAINT "FailureEvent_webhookDeliveryId_fkey" FOREIGN KEY ("webhookDeliveryId") REFERENCES "WebhookDelivery"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FailureEvent" ADD CONSTRAINT "FailureEvent_logArtifactId_fkey" FOREIGN KEY ("logArtifactId") REFERENCES "Artifact"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealingRun" ADD CONSTRAINT "HealingRun_failureEventId_fkey" FOREIGN KEY ("failureEventId") REFERENCES "FailureEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealingRun" ADD CONSTRAINT "HealingRun_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "Repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealingRun" ADD CONSTRAINT "HealingRun_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealingStage" ADD CONSTRAINT "HealingStage_healingRunId_fkey" FOREIGN KEY ("healingRunId") REFERENCES "HealingRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Diagnosis" ADD CONSTRAINT "Diagnosis_healingRunId_fkey" FOREIGN KEY ("healingRunId") REFERENCES "HealingRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Diagnosis" ADD CONSTRAINT "Diagnosis_feedbackById_fkey" FOREIGN KEY ("feedbackById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatchAttempt" ADD CONSTRAINT "PatchAttempt_healingRunId_fkey" FOREIGN KEY ("healingRunId") REFERENCES "HealingRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestExecution" ADD CONSTRAINT "TestExecution_healingRunId_fkey" FOREIGN KEY ("healingRunId") REFERENCES "HealingRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestExecution" ADD CONSTRAINT "TestExecution_patchAttemptId_fkey" FOREIGN KEY ("patchAttemptId") REFERENCES "PatchAttempt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestExecution" ADD CONSTRAINT "TestExecution_traceArtifactId_fkey" FOREIGN KEY ("traceArtifactId") REFERENCES "Artifact"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestCaseResult" ADD CONSTRAINT "TestCaseResult_testExecutionId_fkey" FOREIGN KEY ("testExecutionId") REFERENCES "TestExecution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestVerdict" ADD CONSTRAINT "TestVerdict_healingRunId_fkey" FOREIGN KEY ("healingRunId") REFERENCES "HealingRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProofResult" ADD CONSTRAINT "ProofResult_healingRunId_fkey" FOREIGN KEY ("healingRunId") REFERENCES "HealingRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProofResult" ADD CONSTRAINT "ProofResult_patchAttemptId_fkey" FOREIGN KEY ("patchAttemptId") REFERENCES "PatchAttempt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_healingRunId_fkey" FOREIGN KEY ("healingRunId") REFERENCES "HealingRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyVersion" ADD CONSTRAINT "PolicyVersion_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyVersion" ADD CONSTRAINT "PolicyVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
