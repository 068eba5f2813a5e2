-- Lossless intake: the exact signed bytes of every delivery, its sha256, why the jsonb copy differs,
-- and when a delivery waited in the local spool because the database was down.
ALTER TABLE "WebhookDelivery" ADD COLUMN "rawBody" BYTEA,
ADD COLUMN "bodySha256" TEXT,
ADD COLUMN "payloadNote" TEXT,
ADD COLUMN "spooledAt" TIMESTAMPTZ(3);
