import type { LocaleWording } from "./types.js";

export const it: LocaleWording = {
  messages: {
    confirmed:
      "Ciao {{first_name}}, grazie per il tuo ordine {{order_name}} su {{shop_name}}. L'abbiamo ricevuto e ti scriveremo qui quando verrà spedito.\nTotale: {{total}}",
    shipped:
      "Ciao {{first_name}}, il tuo ordine {{order_name}} è stato spedito.\nCorriere: {{carrier}}\nNumero di tracciamento: {{tracking_number}}",
    ready_for_pickup: "Ciao {{first_name}}, il tuo ordine {{order_name}} è pronto per il ritiro.",
    in_transit: "Il tuo ordine {{order_name}} è in viaggio.\nConsegna prevista: {{delivery_date}}",
    out_for_delivery: "Il tuo ordine {{order_name}} è in consegna e dovrebbe arrivare oggi.",
    attempted_delivery:
      "Il corriere ha provato a consegnare il tuo ordine {{order_name}}, ma senza successo. Controlla il tracciamento per i prossimi passi.",
    delayed:
      "Il tuo ordine {{order_name}} è in ritardo. Ci scusiamo per l'attesa.\nConsegna prevista: {{delivery_date}}",
    failure:
      "C'è un problema con la consegna del tuo ordine {{order_name}}. Controlla il tracciamento oppure rispondi a questo messaggio e ti aiuteremo.",
    delivered: "Il tuo ordine {{order_name}} è stato consegnato. Grazie per aver acquistato su {{shop_name}}.",
    cancelled:
      "Ciao {{first_name}}, il tuo ordine {{order_name}} è stato annullato. Per qualsiasi domanda, rispondi pure a questo messaggio.",
    refunded:
      "Ciao {{first_name}}, abbiamo emesso un rimborso per il tuo ordine {{order_name}}.\nImporto: {{refund_amount}}\nPotrebbero volerci alcuni giorni lavorativi prima che compaia sul tuo estratto conto.",
  },
  buttons: { track: "Traccia il pacco", trackNumbered: "Traccia il pacco #", viewOrder: "Vedi ordine" },
  detailsLabel: "Dettagli:",
};
