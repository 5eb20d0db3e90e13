import type { LocaleWording } from "./types.js";

export const de: LocaleWording = {
  messages: {
    confirmed:
      "Hallo {{first_name}}, vielen Dank für Ihre Bestellung {{order_name}} bei {{shop_name}}. Wir haben sie erhalten und melden uns hier, sobald sie versandt wird.\nGesamtbetrag: {{total}}",
    shipped:
      "Hallo {{first_name}}, Ihre Bestellung {{order_name}} wurde versandt.\nVersanddienstleister: {{carrier}}\nSendungsnummer: {{tracking_number}}",
    ready_for_pickup: "Hallo {{first_name}}, Ihre Bestellung {{order_name}} liegt zur Abholung bereit.",
    in_transit: "Ihre Bestellung {{order_name}} ist unterwegs.\nVoraussichtliche Zustellung: {{delivery_date}}",
    out_for_delivery: "Ihre Bestellung {{order_name}} ist in der Zustellung und kommt voraussichtlich heute an.",
    attempted_delivery:
      "Der Zusteller hat versucht, Ihre Bestellung {{order_name}} zuzustellen, leider ohne Erfolg. Die nächsten Schritte finden Sie in der Sendungsverfolgung.",
    delayed:
      "Ihre Bestellung {{order_name}} verzögert sich. Bitte entschuldigen Sie die Wartezeit.\nVoraussichtliche Zustellung: {{delivery_date}}",
    failure:
      "Bei der Zustellung Ihrer Bestellung {{order_name}} ist ein Problem aufgetreten. Sehen Sie in der Sendungsverfolgung nach oder antworten Sie auf diese Nachricht, wir helfen gern.",
    delivered: "Ihre Bestellung {{order_name}} wurde zugestellt. Vielen Dank für Ihren Einkauf bei {{shop_name}}.",
    cancelled:
      "Hallo {{first_name}}, Ihre Bestellung {{order_name}} wurde storniert. Bei Fragen antworten Sie einfach auf diese Nachricht.",
    refunded:
      "Hallo {{first_name}}, wir haben eine Rückerstattung für Ihre Bestellung {{order_name}} veranlasst.\nBetrag: {{refund_amount}}\nEs kann einige Werktage dauern, bis sie auf Ihrem Konto erscheint.",
  },
  buttons: { track: "Sendung verfolgen", trackNumbered: "Sendung # verfolgen", viewOrder: "Bestellung ansehen" },
  detailsLabel: "Details:",
};
