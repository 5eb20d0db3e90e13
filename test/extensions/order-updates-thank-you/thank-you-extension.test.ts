import { describeExtension } from "./extension-suite.js";

describeExtension({
  name: "order-updates-thank-you",
  target: "purchase.thank-you.block.render",
  module: "./src/ThankYou.jsx",
  entryPoint: "thank_you",
  reads: ["shopify.orderConfirmation.value", "confirmation.order.id", "confirmation.number"],
});
