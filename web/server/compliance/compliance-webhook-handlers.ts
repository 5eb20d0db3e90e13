import type { DeliveryHandler } from "../inbox/process-delivery.js";
import { parseShopifyWebhook } from "../notifications/parse-shopify-webhook.js";
import { markShopUninstalled } from "./app-uninstalled.js";
import { exportCustomerData } from "./export-customer-data.js";
import { redactCustomer } from "./redact-customer.js";
import { redactShop } from "./redact-shop.js";

/**
 * app/uninstalled and the mandatory compliance topics. The body names the shop too: a body for another
 * shop than the delivery's is refused (dead-lettered) rather than acted on.
 */
const complianceHandler: DeliveryHandler = async (deps, delivery, log) => {
  const parsed = parseShopifyWebhook(delivery.topic, delivery.body);
  if (!parsed.ok) {
    log.warn({ reason: parsed.reason }, "compliance webhook unreadable; dead-lettered");
    return {
      status: "dead",
      error: `${parsed.reason}${parsed.issues ? `: ${parsed.issues.slice(0, 5).join("; ")}` : ""}`,
    };
  }
  const { webhook } = parsed;
  const domain = delivery.account.toLowerCase();
  if (webhook.topic === "app/uninstalled") return void (await markShopUninstalled(deps, domain, log));
  if (!("shop_domain" in webhook.payload)) return;
  if (webhook.payload.shop_domain.toLowerCase() !== domain) {
    log.warn("compliance webhook body names another shop; refused");
    return { status: "dead", error: "shop_domain in the body does not match X-Shopify-Shop-Domain" };
  }
  if (webhook.topic === "shop/redact") return void (await redactShop(deps, domain, delivery.id, log));
  const shop = await deps.db.shop.findUnique({ where: { domain }, select: { id: true, domain: true } });
  if (!shop) {
    log.info("compliance webhook for an unknown shop: nothing held; ignored");
    return;
  }
  if (webhook.topic === "customers/data_request") await exportCustomerData(deps, shop.id, webhook.payload, log);
  if (webhook.topic === "customers/redact") await redactCustomer(deps, shop, webhook.payload, delivery.id, log);
};

export function complianceDeliveryHandlers(): Record<string, DeliveryHandler> {
  return {
    "app/uninstalled": complianceHandler,
    "customers/data_request": complianceHandler,
    "customers/redact": complianceHandler,
    "shop/redact": complianceHandler,
  };
}
