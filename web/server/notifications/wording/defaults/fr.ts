import type { LocaleWording } from "./types.js";

export const fr: LocaleWording = {
  messages: {
    confirmed:
      "Bonjour {{first_name}}, merci pour votre commande {{order_name}} chez {{shop_name}}. Nous l'avons bien reçue et vous préviendrons ici dès son expédition.\nTotal : {{total}}",
    shipped:
      "Bonjour {{first_name}}, votre commande {{order_name}} a été expédiée.\nTransporteur : {{carrier}}\nNuméro de suivi : {{tracking_number}}",
    ready_for_pickup: "Bonjour {{first_name}}, votre commande {{order_name}} est prête à être retirée.",
    in_transit: "Votre commande {{order_name}} est en route.\nLivraison prévue : {{delivery_date}}",
    out_for_delivery: "Votre commande {{order_name}} est en cours de livraison et devrait arriver aujourd'hui.",
    attempted_delivery:
      "Le transporteur a tenté de livrer votre commande {{order_name}}, sans succès. Consultez le suivi pour connaître la marche à suivre.",
    delayed:
      "Votre commande {{order_name}} a pris du retard. Nous sommes désolés pour l'attente.\nLivraison prévue : {{delivery_date}}",
    failure:
      "La livraison de votre commande {{order_name}} rencontre un problème. Consultez le suivi ou répondez à ce message : nous vous aiderons.",
    delivered: "Votre commande {{order_name}} a été livrée. Merci d'avoir commandé chez {{shop_name}}.",
    cancelled:
      "Bonjour {{first_name}}, votre commande {{order_name}} a été annulée. Pour toute question, répondez simplement à ce message.",
    refunded:
      "Bonjour {{first_name}}, nous avons effectué un remboursement pour votre commande {{order_name}}.\nMontant : {{refund_amount}}\nIl peut falloir quelques jours ouvrés pour qu'il apparaisse sur votre relevé.",
  },
  buttons: { track: "Suivre le colis", trackNumbered: "Suivre le colis #", viewOrder: "Voir la commande" },
  detailsLabel: "Détails :",
};
