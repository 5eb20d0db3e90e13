import type { LocaleWording } from "./types.js";

// Lithuanian addresses people in the vocative case, which a raw first name is not, so the name is left out.
export const lt: LocaleWording = {
  messages: {
    confirmed:
      "Sveiki! Dėkojame už užsakymą {{order_name}} parduotuvėje {{shop_name}}. Jį gavome ir pranešime čia, kai jis bus išsiųstas.\nSuma: {{total}}",
    shipped:
      "Sveiki! Jūsų užsakymas {{order_name}} išsiųstas.\nVežėjas: {{carrier}}\nSiuntos numeris: {{tracking_number}}",
    ready_for_pickup: "Sveiki! Jūsų užsakymas {{order_name}} paruoštas atsiimti.",
    in_transit: "Jūsų užsakymas {{order_name}} jau pakeliui.\nNumatoma pristatymo data: {{delivery_date}}",
    out_for_delivery: "Jūsų užsakymas {{order_name}} pristatomas ir turėtų atkeliauti šiandien.",
    attempted_delivery:
      "Kurjeris bandė pristatyti jūsų užsakymą {{order_name}}, bet nepavyko. Tolesnius veiksmus rasite siuntos sekimo puslapyje.",
    delayed:
      "Jūsų užsakymo {{order_name}} pristatymas vėluoja. Atsiprašome, kad tenka laukti.\nNumatoma pristatymo data: {{delivery_date}}",
    failure:
      "Pristatant jūsų užsakymą {{order_name}} iškilo problema. Patikrinkite siuntos sekimo informaciją arba atsakykite į šią žinutę – mes padėsime.",
    delivered: "Jūsų užsakymas {{order_name}} pristatytas. Dėkojame, kad apsipirkote parduotuvėje {{shop_name}}.",
    cancelled: "Sveiki! Jūsų užsakymas {{order_name}} atšauktas. Jei turite klausimų, tiesiog atsakykite į šią žinutę.",
    refunded:
      "Sveiki! Grąžinome pinigus už užsakymą {{order_name}}.\nSuma: {{refund_amount}}\nLėšos jūsų sąskaitoje gali atsirasti per kelias darbo dienas.",
  },
  buttons: { track: "Sekti siuntą", trackNumbered: "Sekti siuntą #", viewOrder: "Žiūrėti užsakymą" },
  detailsLabel: "Išsamiau:",
};
