-- AlterTable
ALTER TABLE "outbound_message" ADD COLUMN     "send_started_at" TIMESTAMPTZ(3);

