import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { APP_URL } from "./app-url.js";
import { REFRESH_MS, requestOrderLink } from "./order-link.js";

/**
 * "Get order updates on Messenger" on the Order status page, a customer-account UI extension (target
 * customer-account.order-status.block.render). The order exists by now; the server accepts either the
 * logged-in customer's own order (session token `sub`) or the confirmation number as proof.
 * https://shopify.dev/docs/api/customer-account-ui-extensions/latest/target-apis/order-status-api/order-api
 */
export default async () => {
  render(<OrderStatusMessengerButton />, document.body);
};

function OrderStatusMessengerButton() {
  const order = shopify.order.value;
  const orderId = order?.id;
  const confirmationNumber = order?.confirmationNumber;
  const [link, setLink] = useState({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!orderId) {
      setLink({ status: "unavailable" });
      return undefined;
    }
    let active = true;
    const load = async () => {
      const result = await requestOrderLink({
        appUrl: APP_URL,
        getToken: () => shopify.sessionToken.get(),
        fetch,
        body: { orderId, entryPoint: "order_status", ...(confirmationNumber ? { confirmationNumber } : {}) },
      });
      if (active) setLink(result);
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [orderId, confirmationNumber, attempt]);

  const t = (key) => shopify.i18n.translate(key);
  if (link.status === "unavailable") return null;
  if (link.status === "error") {
    return (
      <s-stack gap="small-200">
        <s-text>{t("error")}</s-text>
        <s-button variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
          {t("retry")}
        </s-button>
      </s-stack>
    );
  }
  return (
    <s-stack gap="small-200">
      <s-text>{t("description")}</s-text>
      {link.status === "ready" ? (
        <s-link href={link.url} target="_blank">
          {t("cta")}
        </s-link>
      ) : (
        <s-button loading disabled accessibilityLabel={t("loading")}>
          {t("cta")}
        </s-button>
      )}
    </s-stack>
  );
}
