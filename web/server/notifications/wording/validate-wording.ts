import type { OrderEvent } from "../order-event.js";
import { tokenizeWording } from "./tokenize-wording.js";
import { MAX_WORDING_LENGTH, VARIABLES_BY_EVENT, isWordingVariable } from "./variables.js";

export type WordingErrorCode =
  | "empty"
  | "too_long"
  | "unbalanced_braces"
  | "invalid_variable_name"
  | "unknown_variable"
  | "variable_not_available"
  | "control_character";

/** A problem in a merchant's wording; index/length are UTF-16 offsets into the text, for highlighting. */
export interface WordingError {
  code: WordingErrorCode;
  message: string;
  index: number;
  length: number;
  variable?: string;
}

// Tabs and line breaks are allowed; every other control or bidi-override character is not.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g; // eslint-disable-line no-control-regex

export function validateWording(text: string, event: OrderEvent): { ok: boolean; errors: WordingError[] } {
  const errors: WordingError[] = [];
  if (text.trim() === "")
    errors.push({ code: "empty", message: "The message is empty.", index: 0, length: text.length });
  if (text.length > MAX_WORDING_LENGTH) {
    errors.push({
      code: "too_long",
      message: `The message is ${text.length} characters; the limit is ${MAX_WORDING_LENGTH}.`,
      index: MAX_WORDING_LENGTH,
      length: text.length - MAX_WORDING_LENGTH,
    });
  }
  for (const m of text.matchAll(FORBIDDEN)) {
    const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    errors.push({
      code: "control_character",
      message: `Invisible control character U+${code}.`,
      index: m.index,
      length: 1,
    });
  }
  const { tokens, problems } = tokenizeWording(text);
  for (const p of problems) {
    errors.push(
      p.detail === "bad_name"
        ? {
            code: "invalid_variable_name",
            message: "A variable name uses lowercase letters, digits and _.",
            index: p.index,
            length: p.length,
          }
        : {
            code: "unbalanced_braces",
            message: "Braces must come in pairs: {{variable}}.",
            index: p.index,
            length: p.length,
          },
    );
  }
  const allowed = VARIABLES_BY_EVENT[event];
  for (const t of tokens) {
    if (t.kind !== "var") continue;
    if (!isWordingVariable(t.name)) {
      errors.push({
        code: "unknown_variable",
        message: `Unknown variable {{${t.name}}}.`,
        index: t.index,
        length: t.length,
        variable: t.name,
      });
    } else if (!allowed.includes(t.name)) {
      errors.push({
        code: "variable_not_available",
        message: `{{${t.name}}} has no value for this message.`,
        index: t.index,
        length: t.length,
        variable: t.name,
      });
    }
  }
  errors.sort((a, b) => a.index - b.index);
  return { ok: errors.length === 0, errors };
}
