-- CreateTable
CREATE TABLE "marketing_subscription" (
    "id" UUID NOT NULL,
    "shop_id" UUID NOT NULL,
    "page_id" TEXT NOT NULL,
    "psid" TEXT NOT NULL,
    "customer_id" TEXT,
    "status" TEXT NOT NULL,
    "status_reason" TEXT,
    "token_ciphertext" TEXT,
    "timezone" TEXT,
    "token_expires_at" TIMESTAMPTZ(3),
    "user_token_status" TEXT,
    "source" TEXT,
    "title" TEXT,
    "opted_in_at" TIMESTAMPTZ(3),
    "status_changed_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "marketing_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "marketing_account" (
    "shop_id" UUID NOT NULL,
    "token_ciphertext" TEXT NOT NULL,
    "token_expires_at" TIMESTAMPTZ(3),
    "granted_scopes" TEXT NOT NULL,
    "ad_accounts" JSONB NOT NULL DEFAULT '[]',
    "connected_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "marketing_account_pkey" PRIMARY KEY ("shop_id")
);

-- CreateTable
CREATE TABLE "consent_event" (
    "id" BIGSERIAL NOT NULL,
    "shop_id" UUID NOT NULL,
    "page_id" TEXT NOT NULL,
    "psid" TEXT,
    "customer_id" TEXT,
    "event" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "source" TEXT,
    "title" TEXT,
    "image_url" TEXT,
    "text" TEXT,
    "locale" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consent_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "marketing_subscription_shop_id_status_idx" ON "marketing_subscription"("shop_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "marketing_subscription_page_id_psid_key" ON "marketing_subscription"("page_id", "psid");

-- CreateIndex
CREATE INDEX "consent_event_page_id_psid_at_idx" ON "consent_event"("page_id", "psid", "at");

-- CreateIndex
CREATE INDEX "consent_event_shop_id_customer_id_idx" ON "consent_event"("shop_id", "customer_id");

-- CreateIndex
CREATE INDEX "conversation_shop_id_created_at_id_idx" ON "conversation"("shop_id", "created_at", "id");

-- AddForeignKey
ALTER TABLE "marketing_subscription" ADD CONSTRAINT "marketing_subscription_page_id_psid_fkey" FOREIGN KEY ("page_id", "psid") REFERENCES "conversation"("page_id", "psid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketing_account" ADD CONSTRAINT "marketing_account_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The consent ledger is append-only: rows are inserted, and deleted only by a GDPR redaction; never changed.
CREATE FUNCTION "consent_event_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consent_event is append-only: rows cannot be updated';
END
$$;

CREATE TRIGGER "consent_event_append_only" BEFORE UPDATE ON "consent_event"
  FOR EACH ROW EXECUTE FUNCTION "consent_event_refuse_update"();
