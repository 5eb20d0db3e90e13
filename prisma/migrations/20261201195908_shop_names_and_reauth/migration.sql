-- AlterTable
ALTER TABLE "shop" ADD COLUMN     "country_code" TEXT,
ADD COLUMN     "currency_code" TEXT,
ADD COLUMN     "iana_timezone" TEXT,
ADD COLUMN     "name" TEXT,
ADD COLUMN     "reauth_reason" TEXT,
ADD COLUMN     "reauth_required_at" TIMESTAMPTZ(3),
ADD COLUMN     "shop_synced_at" TIMESTAMPTZ(3);

