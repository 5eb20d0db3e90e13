import type { OutboundContent } from "../messaging/outbound-content.js";
import { pickLocale, type SupportedLocale } from "../notifications/locale.js";

/**
 * Typed marketing commands in the 8 shopper languages, and the confirmation a "stop" gets. Commands are matched
 * as the whole message (case, surrounding spaces and final punctuation ignored), so "stop" inside a sentence
 * ("don't stop my order") is not a command. The unlink words ("unlink", "stop updates", "arrêter", "stabdyti",
 * "остановить" …, linking/link-messages.ts) stay with linking: none of the words below is one of them.
 */
const TEXTS: Record<SupportedLocale, { stop: string[]; offers: string[]; stopped: string }> = {
  en: {
    stop: ["stop", "unsubscribe", "stop offers"],
    offers: ["offers", "get offers", "deals"],
    stopped: "You're unsubscribed: you won't get marketing messages from us here. Order updates still arrive.",
  },
  de: {
    stop: ["stopp", "stop", "abmelden", "abbestellen"],
    offers: ["angebote", "angebote erhalten"],
    stopped: "Du bist abgemeldet: Hier kommen keine Werbenachrichten mehr von uns. Bestell-Updates erhältst du weiter.",
  },
  es: {
    stop: ["stop", "baja", "darme de baja", "cancelar suscripción"],
    offers: ["ofertas", "recibir ofertas"],
    stopped:
      "Listo, te diste de baja: ya no recibirás mensajes promocionales aquí. Las novedades de pedidos siguen llegando.",
  },
  fr: {
    stop: ["stop", "désabonner", "me désabonner", "se désabonner"],
    offers: ["offres", "recevoir les offres"],
    stopped: "Vous êtes désabonné : plus de messages promotionnels ici. Le suivi de vos commandes continue.",
  },
  it: {
    stop: ["stop", "disiscriviti", "annulla iscrizione"],
    offers: ["offerte", "ricevi offerte"],
    stopped:
      "Iscrizione annullata: non riceverai più messaggi promozionali qui. Gli aggiornamenti degli ordini continuano.",
  },
  "pt-BR": {
    stop: ["parar", "stop", "sair", "cancelar inscrição", "descadastrar"],
    offers: ["ofertas", "receber ofertas"],
    stopped:
      "Inscrição cancelada: você não receberá mais mensagens promocionais aqui. As atualizações de pedidos continuam.",
  },
  lt: {
    stop: ["stop", "atsisakyti", "atšaukti prenumeratą"],
    offers: ["pasiūlymai", "gauti pasiūlymus"],
    stopped: "Prenumerata atšaukta: rinkodaros žinučių čia nebegausite. Užsakymų naujienos ateis kaip anksčiau.",
  },
  ru: {
    stop: ["стоп", "stop", "отписаться", "отписка"],
    offers: ["предложения", "акции", "получать предложения"],
    stopped: "Вы отписались: рекламных сообщений здесь больше не будет. Обновления по заказам продолжат приходить.",
  },
};

export type MarketingCommand = "stop" | "offers";

function normalize(text: string | null | undefined): string {
  return (text ?? "")
    .trim()
    .toLocaleLowerCase()
    .replace(/[.!?¡¿]+$/u, "")
    .trim();
}

/** The command a typed message is, in any of the 8 languages; null for everything else. */
export function marketingCommand(text: string | null | undefined): MarketingCommand | null {
  const normalized = normalize(text);
  if (!normalized || normalized.length > 40) return null;
  const all = Object.values(TEXTS);
  if (all.some((t) => t.stop.includes(normalized))) return "stop";
  if (all.some((t) => t.offers.includes(normalized))) return "offers";
  return null;
}

export function stopConfirmation(locale: string | null | undefined): OutboundContent {
  const text = TEXTS[pickLocale(locale, "en")].stopped;
  return { message: { text }, textParts: [text] };
}

/** Every keyword per language, for the admin's explanation and the tests. */
export const MARKETING_KEYWORDS: Readonly<
  Record<SupportedLocale, { stop: readonly string[]; offers: readonly string[] }>
> = TEXTS;
