-- AlterTable
ALTER TABLE "page_connection" ADD COLUMN     "connected_by" TEXT,
ADD COLUMN     "profile_synced_at" TIMESTAMPTZ(3),
ADD COLUMN     "subscribed_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "conversation" (
    "id" UUID NOT NULL,
    "shop_id" UUID NOT NULL,
    "page_id" TEXT NOT NULL,
    "psid" TEXT NOT NULL,
    "last_interaction_at" TIMESTAMPTZ(3),
    "state" TEXT NOT NULL DEFAULT 'reachable',
    "state_reason" TEXT,
    "locale" TEXT,
    "human_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "shopper_link" (
    "id" UUID NOT NULL,
    "shop_id" UUID NOT NULL,
    "page_id" TEXT NOT NULL,
    "psid" TEXT NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "entry_point" TEXT NOT NULL,
    "masked_identity" TEXT,
    "verifier" TEXT,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unlinked_at" TIMESTAMPTZ(3),

    CONSTRAINT "shopper_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ref_nonce" (
    "nonce" TEXT NOT NULL,
    "shop_id" UUID NOT NULL,
    "page_id" TEXT NOT NULL,
    "psid" TEXT NOT NULL,
    "consumed_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ref_nonce_pkey" PRIMARY KEY ("nonce")
);

-- CreateTable
CREATE TABLE "outbound_message" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" UUID NOT NULL,
    "page_id" TEXT NOT NULL,
    "psid" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "order_id" TEXT,
    "customer_id" TEXT,
    "content" JSONB NOT NULL,
    "human_author" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "transport" TEXT,
    "reason_code" TEXT,
    "reason" TEXT,
    "rule" TEXT,
    "provider_message_id" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbound_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "utility_template" (
    "id" UUID NOT NULL,
    "page_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "meta_template_id" TEXT,
    "rejection_reason" TEXT,
    "definition_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "utility_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_record" (
    "shop_id" UUID NOT NULL,
    "order_id" TEXT NOT NULL,
    "customer_id" TEXT,
    "facts" JSONB NOT NULL,
    "shipments" JSONB NOT NULL DEFAULT '{}',
    "cancelled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_record_pkey" PRIMARY KEY ("shop_id","order_id")
);

-- CreateTable
CREATE TABLE "data_deletion_request" (
    "code" TEXT NOT NULL,
    "app_user_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'received',
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "data_deletion_request_pkey" PRIMARY KEY ("code")
);

-- CreateIndex
CREATE INDEX "conversation_shop_id_idx" ON "conversation"("shop_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_page_id_psid_key" ON "conversation"("page_id", "psid");

-- CreateIndex
CREATE INDEX "shopper_link_shop_id_subject_kind_subject_id_idx" ON "shopper_link"("shop_id", "subject_kind", "subject_id");

-- CreateIndex
CREATE UNIQUE INDEX "shopper_link_page_id_psid_subject_kind_subject_id_key" ON "shopper_link"("page_id", "psid", "subject_kind", "subject_id");

-- CreateIndex
CREATE INDEX "ref_nonce_expires_at_idx" ON "ref_nonce"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "outbound_message_dedupe_key_key" ON "outbound_message"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbound_message_shop_id_order_id_idx" ON "outbound_message"("shop_id", "order_id");

-- CreateIndex
CREATE INDEX "outbound_message_page_id_psid_idx" ON "outbound_message"("page_id", "psid");

-- CreateIndex
CREATE INDEX "outbound_message_shop_id_created_at_idx" ON "outbound_message"("shop_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "utility_template_page_id_name_language_key" ON "utility_template"("page_id", "name", "language");

-- CreateIndex
CREATE INDEX "order_record_shop_id_customer_id_idx" ON "order_record"("shop_id", "customer_id");

