-- DropIndex
DROP INDEX "outbox_job_status_run_at_idx";

-- CreateIndex
CREATE INDEX "outbox_job_status_run_at_id_idx" ON "outbox_job"("status", "run_at", "id");

