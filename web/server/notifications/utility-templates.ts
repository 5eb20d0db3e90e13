import type { TemplateLinks } from "../tracking-links/signed-link.js";
import { PROGRESS } from "./event-ordering.js";
import { META_TEMPLATE_LANGUAGE, SUPPORTED_LOCALES, type SupportedLocale } from "./locale.js";
import { ORDER_EVENTS, type OrderEvent } from "./order-event.js";
import { DEFAULT_WORDING, wordingFor, type WordingOverrides } from "./wording/default-wording.js";
import { renderWording, sanitizeValue } from "./wording/render-wording.js";
import { tokenizeWording } from "./wording/tokenize-wording.js";
import { wordingValues, type WordingContext } from "./wording/wording-values.js";

/**
 * Utility templates: the only transport outside the 24 h window since Meta retired POST_PURCHASE_UPDATE
 * (error 100 from 2026-04-27). Created per Page and language through POST /{page-id}/message_templates, in the shape
 * of Meta's utility-messages doc (updated 2026-03-13): a BODY with named parameters and `example` values, and URL
 * buttons whose fixed base ends in a `{{1}}` suffix with a `url_suffix_example`.
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/utility-messages
 * The body is the merchant's wording (or ours) without the values a template cannot carry; templates cannot be
 * edited, so a changed wording is deleted and created again (templates/ensure-utility-templates.ts).
 */
export interface TemplateBodyComponent {
  type: "BODY";
  text: string;
  example?: { body_text_named_params: { param_name: string; example: string }[] };
}

export interface TemplateUrlButton {
  type: "URL";
  text: string;
  /** The fixed base plus the positional suffix `{{1}}` (URL suffixes stay positional with NAMED parameters). */
  url: string;
  example: { url_suffix_example: string };
}

export interface TemplateButtonsComponent {
  type: "BUTTONS";
  buttons: TemplateUrlButton[];
}

export interface UtilityTemplateDefinition {
  name: string;
  category: "UTILITY";
  language: string;
  parameter_format: "NAMED";
  components: [TemplateBodyComponent, TemplateButtonsComponent];
}

export type UtilityTemplateComponentParams =
  | { type: "body"; parameters: { type: "text"; parameter_name: string; text: string }[] }
  | { type: "buttons"; parameters: { type: "URL"; url: string }[] };

export interface UtilityTemplateMessage {
  name: string;
  language: { code: string };
  components: UtilityTemplateComponentParams[];
}

/** Meta's limits for utility templates (spec messenger-platform.md, Update 2026-12). */
export const TEMPLATE_BODY_MAX = 1024;
export const TEMPLATE_MAX_BUTTONS = 3;
const BUTTON_TEXT_MAX = 20;

/** Values that always exist, so Meta never receives an empty parameter. */
const TEMPLATE_PARAMS = ["order_name", "shop_name", "total"] as const;
type TemplateParam = (typeof TEMPLATE_PARAMS)[number];

const EXAMPLES: Record<TemplateParam, string> = {
  order_name: "#1001",
  shop_name: "Example Store",
  total: "€49.90",
};

/** Where a button leads: the parcel's tracking page, or the order's status page. */
type ButtonTarget = "tracking" | "order_status";

export interface TemplateOptions {
  /** The base of every URL button (this app's /t/); part of the definition, so a new base means new templates. */
  linkBase: string;
  /** The merchant's wording; without it, ours. */
  wording?: WordingOverrides;
}

export function utilityTemplateName(event: OrderEvent): string {
  return `mc_order_${event}_v1`;
}

/**
 * The body: the wording without the shopper's name or optional lines. Meta refuses a template that starts or ends
 * with a parameter ("dangling parameters"), so such a body gets a mark before or a full stop after.
 */
function templateBody(event: OrderEvent, locale: SupportedLocale, wording?: WordingOverrides): string {
  const merchant = renderWording(wordingFor(locale, event, wording), {}, { keep: TEMPLATE_PARAMS });
  // A wording made only of values a template cannot carry renders empty there: ours stands in.
  const body = /\p{L}/u.test(merchant.replace(/\{\{[^}]*\}\}/g, ""))
    ? merchant
    : renderWording(DEFAULT_WORDING[locale].messages[event], {}, { keep: TEMPLATE_PARAMS });
  const start = body.startsWith("{{") ? `📦 ${body}` : body;
  const text = start.endsWith("}}") ? `${start}.` : start;
  return text.length > TEMPLATE_BODY_MAX ? `${text.slice(0, TEMPLATE_BODY_MAX - 1)}…` : text;
}

function paramsIn(body: string): TemplateParam[] {
  const names = tokenizeWording(body).tokens.flatMap((t) => (t.kind === "var" ? [t.name] : []));
  return [...new Set(names)].filter((n): n is TemplateParam => (TEMPLATE_PARAMS as readonly string[]).includes(n));
}

/** Shipping steps link to the parcel and to the order; everything else to the order. */
function buttonTargets(event: OrderEvent): ButtonTarget[] {
  return PROGRESS.has(event) ? ["tracking", "order_status"] : ["order_status"];
}

function buttonText(target: ButtonTarget, locale: SupportedLocale): string {
  const labels = DEFAULT_WORDING[locale].buttons;
  return (target === "tracking" ? labels.track : labels.viewOrder).slice(0, BUTTON_TEXT_MAX);
}

export function utilityTemplateDefinition(
  event: OrderEvent,
  locale: SupportedLocale,
  options: TemplateOptions,
): UtilityTemplateDefinition {
  const text = templateBody(event, locale, options.wording);
  const params = paramsIn(text);
  return {
    name: utilityTemplateName(event),
    category: "UTILITY",
    language: META_TEMPLATE_LANGUAGE[locale],
    parameter_format: "NAMED",
    components: [
      {
        type: "BODY",
        text,
        ...(params.length
          ? { example: { body_text_named_params: params.map((p) => ({ param_name: p, example: EXAMPLES[p] })) } }
          : {}),
      },
      {
        type: "BUTTONS",
        buttons: buttonTargets(event).map((target) => ({
          type: "URL",
          text: buttonText(target, locale),
          url: `${options.linkBase}{{1}}`,
          example: { url_suffix_example: `${options.linkBase}example-${target.replace("_", "-")}` },
        })),
      },
    ],
  };
}

/** Every definition the app creates for a Page: one per event and language. */
export function utilityTemplateDefinitions(options: TemplateOptions): UtilityTemplateDefinition[] {
  return SUPPORTED_LOCALES.flatMap((locale) =>
    ORDER_EVENTS.map((event) => utilityTemplateDefinition(event, locale, options)),
  );
}

/** The `message.template` object for sending `event` with `messaging_type: "UTILITY"`. */
export function utilityTemplateParams(
  event: OrderEvent,
  ctx: WordingContext & { shopDomain: string; links: TemplateLinks; overrides?: WordingOverrides },
): UtilityTemplateMessage {
  const values = wordingValues(ctx);
  const shopUrl = `https://${ctx.shopDomain}`;
  const all: Record<TemplateParam, string> = {
    order_name: sanitizeValue(values.order_name, 40),
    shop_name: sanitizeValue(values.shop_name, 80),
    total: sanitizeValue(values.total, 40),
  };
  const destination: Record<ButtonTarget, string> = {
    tracking: values.tracking_url ?? values.order_status_url ?? shopUrl,
    order_status: values.order_status_url ?? shopUrl,
  };
  const params = paramsIn(templateBody(event, ctx.locale, ctx.overrides));
  return {
    name: utilityTemplateName(event),
    language: { code: META_TEMPLATE_LANGUAGE[ctx.locale] },
    components: [
      ...(params.length
        ? [
            {
              type: "body" as const,
              parameters: params.map((p) => ({ type: "text" as const, parameter_name: p, text: all[p] || "—" })),
            },
          ]
        : []),
      {
        type: "buttons",
        parameters: buttonTargets(event).map((target) => ({
          type: "URL" as const,
          url: ctx.links.suffixFor(destination[target]),
        })),
      },
    ],
  };
}
