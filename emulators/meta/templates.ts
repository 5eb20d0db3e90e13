import { graphError, invalidParam } from "./graph-errors.js";
import type { EmulatedTemplate, EmulatorState } from "./state.js";
import { isObj, refuse } from "./validate-message.js";

// Utility templates, exactly as Meta's utility-messages doc shows them (updated 2026-03-13) and the spec's
// "Update 2026-12": create with components HEADER/BODY/BUTTONS and `example` values, URL buttons with a {{1}} suffix
// and url_suffix_example, no QUICK_REPLY buttons (subcode 2018416), at most 3 buttons, body at most 1,024 characters,
// no dangling parameter; send with message.template { name, language: { code }, components }.
// https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/utility-messages

type Obj = Record<string, unknown>;

const MAX_BODY = 1024;
const MAX_HEADER = 60;
const MAX_BUTTONS = 3;
const MAX_BUTTON_TEXT = 25;
/** "QUICK_REPLY buttons are not supported for utility templates" (spec messenger-platform.md, Update 2026-12). */
export const QUICK_REPLY_SUBCODE = 2018416;

/** Placeholders in a text: {{1}}, {{2}} (positional) or {{order_id}} (named, since Mar 6 2026). */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1] ?? "");
}

function component(components: Obj[], type: string): Obj | undefined {
  return components.find((c) => String(c.type).toUpperCase() === type);
}

function bodyText(components: Obj[]): string {
  const body = component(components, "BODY");
  return typeof body?.text === "string" ? body.text : "";
}

function onlyKeys(value: Obj, allowed: readonly string[], at: string): void {
  const extra = Object.keys(value).filter((k) => !allowed.includes(k));
  if (extra.length) refuse(`param ${at} has unknown fields: ${extra.join(", ")}`);
}

/** Example values a text with placeholders must carry on create, in the form its parameter_format needs. */
function checkTextExample(
  text: string,
  example: unknown,
  format: "POSITIONAL" | "NAMED",
  kind: "body" | "header",
): void {
  const names = placeholders(text);
  const ok =
    format === "NAMED" ? names.every((n) => /^[a-z][a-z0-9_]*$/.test(n)) : names.every((n, i) => n === String(i + 1));
  if (!ok) refuse(`param components[${kind}][text] has placeholders that do not match parameter_format ${format}`);
  if (names.length === 0) return;
  const where = `components[${kind.toUpperCase()}][example]`;
  if (!isObj(example)) refuse(`param ${where} is required when the ${kind} has parameters`);
  if (format === "NAMED") {
    const list = example[`${kind}_text_named_params`];
    if (!Array.isArray(list)) refuse(`param ${where}[${kind}_text_named_params] is required`);
    const given = list.map((p) => (isObj(p) && typeof p.example === "string" && p.example ? p.param_name : null));
    const wanted = [...new Set(names)];
    if (given.length !== wanted.length || !wanted.every((n) => given.includes(n)))
      refuse(`param ${where}[${kind}_text_named_params] must give one example per parameter: ${wanted.join(", ")}`);
    return;
  }
  const values =
    kind === "body" ? (Array.isArray(example.body_text) ? example.body_text[0] : undefined) : example.header_text;
  if (!Array.isArray(values) || values.length !== names.length || !values.every((v) => typeof v === "string" && v))
    refuse(`param ${where}[${kind}_text] must give ${names.length} example values`);
}

function checkBody(body: Obj, format: "POSITIONAL" | "NAMED"): void {
  onlyKeys(body, ["type", "text", "example"], "components[BODY]");
  const text = typeof body.text === "string" ? body.text : "";
  if (text.length === 0 || text.length > MAX_BODY)
    refuse(`param components[BODY][text] must be 1 to ${MAX_BODY} characters`);
  // Meta's "Common Template Rejection Reasons": the template cannot start or end with a parameter.
  if (/^\s*\{\{[^}]*\}\}/.test(text) || /\{\{[^}]*\}\}\s*$/.test(text))
    refuse("param components[BODY][text] must not start or end with a parameter");
  checkTextExample(text, body.example, format, "body");
}

function checkHeader(header: Obj, format: "POSITIONAL" | "NAMED"): void {
  onlyKeys(header, ["type", "format", "text", "example"], "components[HEADER]");
  if (header.format !== "TEXT" && header.format !== "IMAGE")
    refuse("param components[HEADER][format] must be TEXT or IMAGE");
  if (header.format === "TEXT") {
    const text = typeof header.text === "string" ? header.text : "";
    if (text.length === 0 || text.length > MAX_HEADER)
      refuse(`param components[HEADER][text] must be 1 to ${MAX_HEADER} characters`);
    checkTextExample(text, header.example, format, "header");
  }
}

function checkButton(button: unknown, at: string): void {
  if (!isObj(button)) refuse(`param ${at} must be an object`);
  if (button.type === "QUICK_REPLY")
    throw invalidParam("QUICK_REPLY buttons are not supported in Messenger utility templates", QUICK_REPLY_SUBCODE);
  const text = typeof button.text === "string" ? button.text : "";
  if (text.length === 0 || text.length > MAX_BUTTON_TEXT)
    refuse(`param ${at}[text] must be 1 to ${MAX_BUTTON_TEXT} characters`);
  switch (button.type) {
    case "URL": {
      onlyKeys(button, ["type", "text", "url", "example"], at);
      const url = typeof button.url === "string" ? button.url : "";
      if (!/^https?:\/\/[^\s{}]+/.test(url)) refuse(`param ${at}[url] must be an http(s) URL`);
      const vars = placeholders(url);
      if (vars.length === 0) return;
      // The dynamic part is a suffix: exactly one {{1}} at the very end.
      if (vars.length !== 1 || !url.endsWith("{{1}}")) refuse(`param ${at}[url] may only end with the suffix {{1}}`);
      const example = isObj(button.example) ? button.example.url_suffix_example : undefined;
      if (typeof example !== "string" || !/^https?:\/\//.test(example))
        refuse(`param ${at}[example][url_suffix_example] is required for a URL with a dynamic suffix`);
      return;
    }
    case "POSTBACK":
      onlyKeys(button, ["type", "text", "payload"], at);
      if (typeof button.payload !== "string" || button.payload.length === 0) refuse(`param ${at}[payload] is required`);
      return;
    case "PHONE_NUMBER":
      onlyKeys(button, ["type", "text", "phone_number"], at);
      if (!/^\+\d{6,15}$/.test(String(button.phone_number))) refuse(`param ${at}[phone_number] must be +E.164`);
      return;
    default:
      refuse(`param ${at}[type] must be URL, POSTBACK or PHONE_NUMBER`);
  }
}

function checkButtons(buttons: Obj): void {
  onlyKeys(buttons, ["type", "buttons"], "components[BUTTONS]");
  const list = buttons.buttons;
  if (!Array.isArray(list) || list.length === 0) refuse("param components[BUTTONS][buttons] must be a non-empty array");
  // Each button is looked at first, so a QUICK_REPLY is named as such even in a list that is also too long.
  list.forEach((b, i) => checkButton(b, `components[BUTTONS][buttons][${i}]`));
  if (list.length > MAX_BUTTONS) refuse(`param components[BUTTONS][buttons] allows at most ${MAX_BUTTONS} buttons`);
}

/** The components of a Page-owned template, as POST /{page-id}/message_templates must carry them. */
export function validateTemplateComponents(input: unknown, format: "POSITIONAL" | "NAMED"): Obj[] {
  if (!Array.isArray(input) || input.length === 0 || !input.every(isObj)) refuse("param components is required");
  const components = input as Obj[];
  const types = components.map((c) => String(c.type));
  if (types.some((t) => !["HEADER", "BODY", "BUTTONS"].includes(t)))
    refuse("param components[type] must be HEADER, BODY or BUTTONS");
  if (new Set(types).size !== types.length) refuse("param components has the same component twice");
  const body = component(components, "BODY");
  if (!body) refuse("param components must contain a BODY");
  checkBody(body, format);
  const header = component(components, "HEADER");
  if (header) checkHeader(header, format);
  const buttons = component(components, "BUTTONS");
  if (buttons) checkButtons(buttons);
  return components;
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
    components = validateTemplateComponents(input.components, format);
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

/**
 * DELETE /{page-id}/message_templates?name=…[&hsm_id=…]: templates cannot be edited, so a changed one is deleted
 * and created again. Without hsm_id every language of the name goes.
 */
export function deleteTemplate(state: EmulatorState, pageId: string, query: URLSearchParams): { success: true } {
  const name = query.get("name");
  if (!name) refuse("param name is required");
  const id = query.get("hsm_id");
  const doomed = state.templates.filter((t) => t.pageId === pageId && t.name === name && (!id || t.id === id));
  if (doomed.length === 0) throw invalidParam(`Template ${name} does not exist`);
  for (const t of doomed) state.templates.splice(state.templates.indexOf(t), 1);
  return { success: true };
}

/** The template buttons whose value comes at send time (a URL with a {{1}} suffix, or a POSTBACK). */
function dynamicButtons(template: EmulatedTemplate): Obj[] {
  const buttons = component(template.components, "BUTTONS")?.buttons;
  return (Array.isArray(buttons) ? buttons.filter(isObj) : []).filter(
    (b) => b.type === "POSTBACK" || (b.type === "URL" && placeholders(String(b.url)).length > 0),
  );
}

function checkTextParams(params: Obj[], expected: string[], template: EmulatedTemplate, kind: string): void {
  if (params.length !== expected.length)
    refuse(`template ${template.name} expects ${expected.length} ${kind} parameters, got ${params.length}`);
  params.forEach((p, i) => {
    onlyKeys(p, ["type", "text", "parameter_name"], `${kind} parameter ${i}`);
    if (p.type !== "text" || typeof p.text !== "string" || p.text.length === 0)
      refuse(`${kind} parameter ${i} must be {type: "text", text}`);
  });
  if (template.parameterFormat === "NAMED") {
    const names = params.map((p) => p.parameter_name);
    if (!expected.every((n) => names.includes(n)) || new Set(names).size !== names.length)
      refuse(`${kind} parameters must be named ${expected.join(", ")}`);
  } else if (params.some((p) => p.parameter_name !== undefined)) {
    refuse(`${kind} parameters of a POSITIONAL template take no parameter_name`);
  }
}

function checkButtonParams(params: Obj[], template: EmulatedTemplate): void {
  const buttons = dynamicButtons(template);
  if (params.length !== buttons.length)
    refuse(`template ${template.name} expects ${buttons.length} button parameters, got ${params.length}`);
  params.forEach((p, i) => {
    const button = buttons[i]!;
    if (button.type === "URL") {
      onlyKeys(p, ["type", "url"], `button parameter ${i}`);
      if (p.type !== "URL" || typeof p.url !== "string" || p.url.length === 0)
        refuse(`button parameter ${i} must be {type: "URL", url: <suffix>}`);
      const full = String(button.url).replace("{{1}}", p.url);
      if (/\s/.test(p.url) || !URL.canParse(full)) refuse(`button parameter ${i} does not make a valid URL`);
    } else {
      onlyKeys(p, ["type", "payload"], `button parameter ${i}`);
      if (p.type !== "POSTBACK" || typeof p.payload !== "string" || p.payload.length === 0)
        refuse(`button parameter ${i} must be {type: "POSTBACK", payload}`);
    }
  });
}

/** Checks a utility send (`message.template`) against an APPROVED template, in the doc's exact shape. */
export function checkUtilitySend(state: EmulatorState, pageId: string, message: unknown): void {
  if (!isObj(message) || !isObj(message.template))
    refuse("param message[template] is required for messaging_type UTILITY");
  onlyKeys(message, ["template"], "message (messaging_type UTILITY)");
  const t = message.template;
  onlyKeys(t, ["name", "language", "components"], "message[template]");
  if (!isObj(t.language)) refuse("param message[template][language] must be { code }");
  onlyKeys(t.language, ["code"], "message[template][language]");
  const lang = t.language.code;
  if (typeof t.name !== "string" || typeof lang !== "string")
    refuse("param message[template] needs name and language.code");
  const template = state.templates.find((x) => x.pageId === pageId && x.name === t.name && x.language === lang);
  if (!template) throw invalidParam(`Template name ${t.name} does not exist in ${lang}`);
  if (template.status !== "APPROVED") throw invalidParam(`Template ${t.name} (${lang}) is not approved`);
  if (t.components !== undefined && (!Array.isArray(t.components) || !t.components.every(isObj)))
    refuse("param message[template][components] must be an array of objects");
  const comps = (t.components ?? []) as Obj[];
  for (const c of comps) {
    onlyKeys(c, ["type", "parameters"], "message[template][components][]");
    if (!["header", "body", "buttons"].includes(String(c.type)))
      refuse("param message[template][components][type] must be header, body or buttons");
    if (!Array.isArray(c.parameters) || !c.parameters.every(isObj))
      refuse(`param message[template][components][${String(c.type)}][parameters] must be an array of objects`);
  }
  if (new Set(comps.map((c) => c.type)).size !== comps.length) refuse("message[template][components] repeats a type");
  const params = (type: string) => (comps.find((c) => c.type === type)?.parameters ?? []) as Obj[];
  checkTextParams(params("body"), [...new Set(placeholders(bodyText(template.components)))], template, "body");
  const header = component(template.components, "HEADER");
  const headerNames = typeof header?.text === "string" ? [...new Set(placeholders(header.text))] : [];
  checkTextParams(params("header"), headerNames, template, "header");
  checkButtonParams(params("buttons"), template);
}

/** Renders a sent utility template's body for the thread view. */
export function renderUtility(state: EmulatorState, pageId: string, message: Obj): string {
  const t = isObj(message.template) ? message.template : {};
  const lang = isObj(t.language) ? t.language.code : undefined;
  const template = state.templates.find((x) => x.pageId === pageId && x.name === t.name && x.language === lang);
  const body = (Array.isArray(t.components) ? (t.components as unknown[]).filter(isObj) : []).find(
    (c) => c.type === "body",
  );
  const params = (Array.isArray(body?.parameters) ? (body.parameters as unknown[]).filter(isObj) : []).map((p) => ({
    name: typeof p.parameter_name === "string" ? p.parameter_name : undefined,
    text: String(p.text),
  }));
  const names = placeholders(bodyText(template?.components ?? []));
  return bodyText(template?.components ?? []).replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (_m, n: string) => {
    const byName = params.find((p) => p.name === n);
    return byName?.text ?? params[names.indexOf(n)]?.text ?? `{{${n}}}`;
  });
}
