-- AlterTable
ALTER TABLE "outbound_message" ADD COLUMN     "send_started_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "page_send_pace" (
    "page_id" TEXT NOT NULL,
    "tat" TIMESTAMPTZ(6) NOT NULL,
    "paused_until" TIMESTAMPTZ(6),

    CONSTRAINT "page_send_pace_pkey" PRIMARY KEY ("page_id")
);

