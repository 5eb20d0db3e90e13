import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { APP_URL } from "./app-url.js";
import { REFRESH_MS, requestOrderLink } from "./order-link.js";

/**
 * "Get order updates on Messenger" on the Thank-you page (target purchase.thank-you.block.render).
 * The order may not exist on the app's side yet (orders/create can arrive later), so the confirmation
 * number, shown only to this buyer, is sent as the proof; the server signs a hash of it into the ref.
 * https://shopify.dev/docs/api/checkout-ui-extensions/latest/target-apis/checkout-apis/order-api
 */
export default async () => {
  render(<ThankYouMessengerButton />, document.body);
};

function ThankYouMessengerButton() {
  const confirmation = shopify.orderConfirmation.value;
  const orderId = confirmation?.order?.id;
  const confirmationNumber = confirmation?.number;
  const [link, setLink] = useState({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // Orders from before 2024 may lack a confirmation number: without proof there is nothing to offer.
    if (!orderId || !confirmationNumber) {
      setLink({ status: "unavailable" });
      return undefined;
    }
    let active = true;
    const load = async () => {
      const result = await requestOrderLink({
        appUrl: APP_URL,
        getToken: () => shopify.sessionToken.get(),
        fetch,
        body: { orderId, confirmationNumber, entryPoint: "thank_you" },
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
