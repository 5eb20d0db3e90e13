import { graphError, invalidParam } from "./graph-errors.js";
import type { EmulatedTemplate, EmulatorState } from "./state.js";
import { isObj, refuse } from "./validate-message.js";

// Utility templates: spec §2.3 ("Utility messages", Mar 2026).
// https://developers.facebook.com/docs/messenger-platform/send-messages/utility-messages

type Obj = Record<string, unknown>;

/** Placeholders in a body text: {{1}}, {{2}} (positional) or {{order_id}} (named, since Mar 6 2026). */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1] ?? "");
}

function bodyText(components: Obj[]): string {
  const body = components.find((c) => String(c.type).toUpperCase() === "BODY");
  return typeof body?.text === "string" ? body.text : "";
}

/** Validates POST /{page-id}/message_templates and returns the stored (PENDING) template. */
export function createTemplate(state: EmulatorState, pageId: string, input: unknown): EmulatedTemplate {
  if (!isObj(input)) refuse("request body must be a JSON object");
  const { name, category, language } = input;
  if (typeof name !== "string" || !/^[a-z0-9_]{1,512}$/.test(name))
    refuse("param name must be lowercase letters, digits and underscores");
  if (category !== "UTILITY") refuse("param category must be UTILITY for Messenger utility templates");
  if (typeof language !== "string" || !/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language))
    refuse("param language must be a locale such as en_US");
  const format = input.parameter_format ?? "POSITIONAL";
  if (format !== "POSITIONAL" && format !== "NAMED") refuse("param parameter_format must be POSITIONAL or NAMED");
  let components: Obj[] = [];
  if (typeof input.library_template_name === "string") {
    components = [{ type: "BODY", text: `library:${input.library_template_name}` }];
  } else {
    if (!Array.isArray(input.components) || !input.components.every(isObj)) refuse("param components is required");
    components = input.components as Obj[];
    const types = components.map((c) => String(c.type).toUpperCase());
    if (types.some((t) => !["HEADER", "BODY", "FOOTER", "BUTTONS"].includes(t)))
      refuse("param components[type] is invalid");
    if (types.filter((t) => t === "BODY").length !== 1) refuse("param components must contain exactly one BODY");
    const text = bodyText(components);
    if (text.length === 0 || text.length > 1024) refuse("param components[BODY][text] must be 1 to 1024 characters");
    const names = placeholders(text);
    const ok =
      format === "NAMED" ? names.every((n) => /^[a-z][a-z0-9_]*$/.test(n)) : names.every((n, i) => n === String(i + 1));
    if (!ok) refuse(`param components[BODY][text] has placeholders that do not match parameter_format ${format}`);
  }
  if (state.templates.some((t) => t.pageId === pageId && t.name === name && t.language === language)) {
    throw graphError(400, 100, "(#100) A template with this name and language already exists");
  }
  const template: EmulatedTemplate = {
    id: state.nextId("tmpl_"),
    pageId,
    name,
    language,
    category: "UTILITY",
    status: "PENDING",
    parameterFormat: format,
    components,
  };
  state.templates.push(template);
  return template;
}

/** Checks a utility send (`message.template`) against an APPROVED template with matching parameters. */
export function checkUtilitySend(state: EmulatorState, pageId: string, message: unknown): void {
  if (!isObj(message) || !isObj(message.template))
    refuse("param message[template] is required for messaging_type UTILITY");
  const t = message.template;
  const lang = isObj(t.language) ? t.language.code : undefined;
  if (typeof t.name !== "string" || typeof lang !== "string")
    refuse("param message[template] needs name and language.code");
  const template = state.templates.find((x) => x.pageId === pageId && x.name === t.name && x.language === lang);
  if (!template) throw invalidParam(`Template name ${t.name} does not exist in ${lang}`);
  if (template.status !== "APPROVED") throw invalidParam(`Template ${t.name} (${lang}) is not approved`);
  const comps = Array.isArray(t.components) ? (t.components as unknown[]).filter(isObj) : [];
  const body = comps.find((c) => c.type === "body");
  const params = Array.isArray(body?.parameters) ? (body.parameters as unknown[]).filter(isObj) : [];
  const expected = placeholders(bodyText(template.components));
  if (params.length !== expected.length)
    refuse(`template ${t.name} expects ${expected.length} body parameters, got ${params.length}`);
  params.forEach((p, i) => {
    if (p.type !== "text" || typeof p.text !== "string") refuse(`body parameter ${i} must be {type: "text", text}`);
    if (template.parameterFormat === "NAMED" && p.parameter_name !== expected[i])
      refuse(`body parameter ${i} must be named ${expected[i]}`);
  });
  for (const c of comps.filter((x) => x.type === "buttons")) {
    for (const p of Array.isArray(c.parameters) ? (c.parameters as unknown[]) : []) {
      if (
        !isObj(p) ||
        !((p.type === "URL" && typeof p.url === "string") || (p.type === "POSTBACK" && typeof p.payload === "string"))
      ) {
        refuse("button parameters must be {type: URL, url} or {type: POSTBACK, payload}");
      }
    }
  }
}

/** Renders a sent utility template's body for the thread view. */
export function renderUtility(state: EmulatorState, pageId: string, message: Obj): string {
  const t = isObj(message.template) ? message.template : {};
  const lang = isObj(t.language) ? t.language.code : undefined;
  const template = state.templates.find((x) => x.pageId === pageId && x.name === t.name && x.language === lang);
  const body = (Array.isArray(t.components) ? (t.components as unknown[]).filter(isObj) : []).find(
    (c) => c.type === "body",
  );
  const values = (Array.isArray(body?.parameters) ? (body.parameters as unknown[]).filter(isObj) : []).map((p) =>
    String(p.text),
  );
  const names = placeholders(bodyText(template?.components ?? []));
  return bodyText(template?.components ?? []).replace(
    /\{\{\s*([^}\s]+)\s*\}\}/g,
    (_m, n: string) => values[names.indexOf(n)] ?? `{{${n}}}`,
  );
}
