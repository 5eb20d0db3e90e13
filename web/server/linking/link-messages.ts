import type { OutboundContent } from "../messaging/outbound-content.js";

/** In-thread texts of linking, in the shop's language. Quick-reply titles stay within Meta's 20 characters. */
const TEXTS = {
  en: {
    anon: "Connected to your store account{order}. You'll get order updates here.",
    connected: "Connected as {who}{order}. You'll get order updates here.",
    order: " for order {name}",
    notYou: "Not me",
    unlinked: "Done: this conversation is no longer linked to the store account. You won't get order updates here.",
    keywords: ["unlink", "stop updates", "not me"],
  },
  es: {
    anon: "Conectado a tu cuenta de la tienda{order}. Recibirás aquí las novedades de tu pedido.",
    connected: "Conectado como {who}{order}. Recibirás aquí las novedades de tu pedido.",
    order: " para el pedido {name}",
    notYou: "No soy yo",
    unlinked:
      "Listo: esta conversación ya no está vinculada a la cuenta de la tienda. No recibirás novedades de pedidos aquí.",
    keywords: ["desvincular", "parar avisos", "no soy yo"],
  },
  fr: {
    anon: "Connecté à votre compte client{order}. Vous recevrez ici le suivi de votre commande.",
    connected: "Connecté en tant que {who}{order}. Vous recevrez ici le suivi de votre commande.",
    order: " pour la commande {name}",
    notYou: "Ce n'est pas moi",
    unlinked:
      "C'est fait : cette conversation n'est plus liée au compte de la boutique. Vous ne recevrez plus le suivi ici.",
    keywords: ["dissocier", "arrêter", "ce n'est pas moi"],
  },
  de: {
    anon: "Mit deinem Kundenkonto verbunden{order}. Bestell-Updates erhältst du hier.",
    connected: "Verbunden als {who}{order}. Bestell-Updates erhältst du hier.",
    order: " für Bestellung {name}",
    notYou: "Nicht ich",
    unlinked:
      "Erledigt: Diese Unterhaltung ist nicht mehr mit dem Shop-Konto verknüpft. Hier kommen keine Bestell-Updates mehr.",
    keywords: ["trennen", "updates stoppen", "nicht ich"],
  },
  it: {
    anon: "Collegato al tuo account del negozio{order}. Riceverai qui gli aggiornamenti dell'ordine.",
    connected: "Collegato come {who}{order}. Riceverai qui gli aggiornamenti dell'ordine.",
    order: " per l'ordine {name}",
    notYou: "Non sono io",
    unlinked:
      "Fatto: questa conversazione non è più collegata all'account del negozio. Non riceverai qui aggiornamenti sugli ordini.",
    keywords: ["scollega", "stop aggiornamenti", "non sono io"],
  },
  "pt-BR": {
    anon: "Conectado à sua conta da loja{order}. Você receberá as atualizações do pedido aqui.",
    connected: "Conectado como {who}{order}. Você receberá as atualizações do pedido aqui.",
    order: " para o pedido {name}",
    notYou: "Não sou eu",
    unlinked:
      "Pronto: esta conversa não está mais vinculada à conta da loja. Você não receberá atualizações de pedidos aqui.",
    keywords: ["desvincular", "parar atualizações", "não sou eu"],
  },
  lt: {
    anon: "Susieta su jūsų parduotuvės paskyra{order}. Užsakymo naujienas gausite čia.",
    connected: "Prisijungta kaip {who}{order}. Užsakymo naujienas gausite čia.",
    order: " užsakymui {name}",
    notYou: "Tai ne aš",
    unlinked: "Atlikta: šis pokalbis nebesusietas su parduotuvės paskyra. Užsakymų naujienų čia nebegausite.",
    keywords: ["atsieti", "stabdyti", "tai ne aš"],
  },
  ru: {
    anon: "Подключено к вашему аккаунту магазина{order}. Обновления по заказу будут приходить сюда.",
    connected: "Подключено как {who}{order}. Обновления по заказу будут приходить сюда.",
    order: " для заказа {name}",
    notYou: "Это не я",
    unlinked: "Готово: этот чат больше не связан с аккаунтом магазина. Обновления по заказам сюда приходить не будут.",
    keywords: ["отвязать", "остановить", "это не я"],
  },
} as const;

type LinkLocale = keyof typeof TEXTS;

export function linkLocale(locale: string | null | undefined): LinkLocale {
  if (!locale) return "en";
  if (locale in TEXTS) return locale as LinkLocale;
  if (locale.toLowerCase().startsWith("pt")) return "pt-BR";
  const base = locale.slice(0, 2).toLowerCase();
  return base in TEXTS ? (base as LinkLocale) : "en";
}

export const UNLINK_PAYLOAD_PREFIX = "UNLINK:";

export function linkConfirmation(params: {
  locale: string;
  who: string;
  orderName?: string | undefined;
  linkId: string;
}): OutboundContent {
  const t = TEXTS[linkLocale(params.locale)];
  // Without a known name there is nothing to mask: name the account instead of showing "***".
  const template = /[^*]/.test(params.who) ? t.connected : t.anon;
  const text = template
    .replace("{who}", params.who)
    .replace("{order}", params.orderName ? t.order.replace("{name}", params.orderName) : "");
  return {
    message: {
      text,
      quick_replies: [{ content_type: "text", title: t.notYou, payload: `${UNLINK_PAYLOAD_PREFIX}${params.linkId}` }],
    },
    textParts: [text, t.notYou],
  };
}

export function unlinkConfirmation(locale: string): OutboundContent {
  const text = TEXTS[linkLocale(locale)].unlinked;
  return { message: { text }, textParts: [text] };
}

/** Typed commands that unlink, in every supported language ("unlink", "stop updates" …). */
export function isUnlinkCommand(text: string | null | undefined): boolean {
  const normalized = (text ?? "")
    .trim()
    .toLowerCase()
    .replace(/[.!?¡¿]+$/u, "");
  if (!normalized || normalized.length > 40) return false;
  return Object.values(TEXTS).some((t) => (t.keywords as readonly string[]).includes(normalized));
}
