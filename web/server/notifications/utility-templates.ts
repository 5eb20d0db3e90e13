import { META_TEMPLATE_LANGUAGE, SUPPORTED_LOCALES, type SupportedLocale } from "./locale.js";
import { ORDER_EVENTS, type OrderEvent } from "./order-event.js";
import { DEFAULT_WORDING } from "./wording/default-wording.js";
import { renderWording, sanitizeValue } from "./wording/render-wording.js";
import { tokenizeWording } from "./wording/tokenize-wording.js";
import { wordingValues, type WordingContext } from "./wording/wording-values.js";

/**
 * Utility templates: the only transport outside the 24 h window since Meta retired POST_PURCHASE_UPDATE
 * (error 100 from 2026-04-27). Created per Page and language through POST /{page-id}/message_templates:
 * https://developers.facebook.com/docs/messenger-platform/send-messages/utility-messages
 * Their text is fixed at approval time, so merchant wording applies only inside the window.
 */
export interface UtilityTemplateDefinition {
  name: string;
  category: "UTILITY";
  language: string;
  parameter_format: "NAMED";
  components: [
    { type: "BODY"; text: string; example: { body_text_named_params: { param_name: string; example: string }[] } },
  ];
}

export interface UtilityTemplateMessage {
  name: string;
  language: { code: string };
  components: [{ type: "body"; parameters: { type: "text"; parameter_name: string; text: string }[] }];
}

/** Values that always exist, so Meta never receives an empty parameter. */
const TEMPLATE_PARAMS = ["order_name", "shop_name", "total", "details_url"] as const;
type TemplateParam = (typeof TEMPLATE_PARAMS)[number];

const EXAMPLES: Record<TemplateParam, string> = {
  order_name: "#1001",
  shop_name: "Example Store",
  total: "€49.90",
  details_url: "https://example.myshopify.com/orders/1001",
};

export function utilityTemplateName(event: OrderEvent): string {
  return `mc_order_${event}_v1`;
}

/** The body: our default wording without the shopper's name or optional lines, plus a details link. */
function templateBody(event: OrderEvent, locale: SupportedLocale): string {
  const wording = DEFAULT_WORDING[locale];
  const body = renderWording(wording.messages[event], {}, { keep: ["order_name", "shop_name", "total"] });
  return `${body}\n${wording.detailsLabel} {{details_url}}`;
}

function paramsIn(body: string): TemplateParam[] {
  const names = tokenizeWording(body).tokens.flatMap((t) => (t.kind === "var" ? [t.name] : []));
  return [...new Set(names)].filter((n): n is TemplateParam => (TEMPLATE_PARAMS as readonly string[]).includes(n));
}

export function utilityTemplateDefinition(event: OrderEvent, locale: SupportedLocale): UtilityTemplateDefinition {
  const text = templateBody(event, locale);
  return {
    name: utilityTemplateName(event),
    category: "UTILITY",
    language: META_TEMPLATE_LANGUAGE[locale],
    parameter_format: "NAMED",
    components: [
      {
        type: "BODY",
        text,
        example: { body_text_named_params: paramsIn(text).map((p) => ({ param_name: p, example: EXAMPLES[p] })) },
      },
    ],
  };
}

/** Every definition the app creates for a Page: one per event and language. */
export function utilityTemplateDefinitions(): UtilityTemplateDefinition[] {
  return SUPPORTED_LOCALES.flatMap((locale) => ORDER_EVENTS.map((event) => utilityTemplateDefinition(event, locale)));
}

/** The `message.template` object for sending `event` with `messaging_type: "UTILITY"`. */
export function utilityTemplateParams(
  event: OrderEvent,
  ctx: WordingContext & { shopDomain: string },
): UtilityTemplateMessage {
  const values = wordingValues(ctx);
  const detailsUrl = values.tracking_url ?? values.order_status_url ?? `https://${ctx.shopDomain}`;
  const all: Record<TemplateParam, string> = {
    order_name: sanitizeValue(values.order_name, 40),
    shop_name: sanitizeValue(values.shop_name, 80),
    total: sanitizeValue(values.total, 40),
    details_url: sanitizeValue(detailsUrl, 500),
  };
  const params = paramsIn(templateBody(event, ctx.locale));
  return {
    name: utilityTemplateName(event),
    language: { code: META_TEMPLATE_LANGUAGE[ctx.locale] },
    components: [
      { type: "body", parameters: params.map((p) => ({ type: "text", parameter_name: p, text: all[p] || "—" })) },
    ],
  };
}
