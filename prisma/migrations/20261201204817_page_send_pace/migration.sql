-- CreateTable
CREATE TABLE "page_send_pace" (
    "page_id" TEXT NOT NULL,
    "tat" TIMESTAMPTZ(6) NOT NULL,
    "paused_until" TIMESTAMPTZ(6),

    CONSTRAINT "page_send_pace_pkey" PRIMARY KEY ("page_id")
);

