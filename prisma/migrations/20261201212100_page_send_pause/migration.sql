-- AlterTable
ALTER TABLE "page_connection" ADD COLUMN     "sends_paused_reason" TEXT,
ADD COLUMN     "sends_paused_until" TIMESTAMPTZ(3);

