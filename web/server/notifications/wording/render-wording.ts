import { tokenizeWording } from "./tokenize-wording.js";
import {
  MAX_RENDERED_LENGTH,
  OPTIONAL_LINE_VARIABLES,
  WORDING_VARIABLES,
  isWordingVariable,
  type WordingValues,
  type WordingVariable,
} from "./variables.js";

/**
 * Makes a value safe to drop into a message: no control or bidi characters, no braces (so a value can
 * never form a variable in a later pass, e.g. Meta's {{named}} template params), one line, bounded length.
 */
export function sanitizeValue(value: string | undefined, maxLength: number): string {
  if (!value) return "";
  const cleaned = value
    .replace(/[\r\n\t]+/g, " ")
    .replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, "") // eslint-disable-line no-control-regex
    .replace(/[{}]/g, "")
    .replace(/ {2,}/g, " ")
    .trim();
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength - 1)}…` : cleaned;
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

export interface RenderOptions {
  /** Variables to leave as `{{name}}` (to build Meta template bodies from the same wording). */
  keep?: readonly WordingVariable[];
  maxLength?: number;
}

function renderLine(line: string, values: WordingValues, keep: readonly WordingVariable[]): string | null {
  const { tokens } = tokenizeWording(line);
  let out = "";
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === "text") {
      out += t.text;
      continue;
    }
    if (!isWordingVariable(t.name)) continue;
    if (keep.includes(t.name)) {
      out += `{{${t.name}}}`;
      continue;
    }
    const value = sanitizeValue(values[t.name], WORDING_VARIABLES[t.name]);
    if (value) {
      out += value;
      continue;
    }
    if (OPTIONAL_LINE_VARIABLES.includes(t.name)) return null;
    // "Hi {{first_name}}," with no name reads "Hi," rather than "Hi ,".
    const next = tokens[k + 1];
    out = out.trimEnd();
    if (next?.kind === "text" && /^[,.!?;:]/.test(next.text) && out.endsWith(",")) out = out.slice(0, -1);
  }
  return out;
}

/**
 * Renders a validated wording. Braces that are not a known variable are dropped, never echoed, and the
 * result fits Meta's button-template text limit.
 */
export function renderWording(template: string, values: WordingValues, options: RenderOptions = {}): string {
  const keep = options.keep ?? [];
  const lines = template
    .split("\n")
    .map((line) => renderLine(line, values, keep))
    .filter((line): line is string => line !== null)
    .map((line) => line.replace(/ {2,}/g, " ").trim());
  const text = lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return truncate(text, options.maxLength ?? MAX_RENDERED_LENGTH);
}
