import type { EmulatedPage, EmulatorState } from "./state.js";
import { isObj, refuse } from "./validate-message.js";

// POST /{page-id}/messaging_customer_base/unsubscribe (grow-audience doc, "Unsubscribe API", Updated 2026-06-21):
// https://developers.facebook.com/documentation/business-messaging/messenger-platform/marketing-messages-on-messenger/faq#unsubscribe-api
// `data` is required, a non-empty array of rows; each row is exactly one of {phone}, {email}, {phone, email},
// {psid}, {subscriber_token}. Rows with another combination or a malformed value are not processed and counted in
// `invalid_rows_count`; matched people are unsubscribed at Page level (their subscription tokens stop working).

const COMBINATIONS = ["phone", "email", "email,phone", "psid", "subscriber_token"];
const SHA256 = /^[0-9a-f]{64}$/;

function validRow(row: unknown): row is Record<string, string> {
  if (!isObj(row)) return false;
  const keys = Object.keys(row).sort();
  if (!COMBINATIONS.includes(keys.join(","))) return false;
  return keys.every((k) => {
    const v = row[k];
    if (typeof v !== "string" || v === "") return false;
    if (k === "phone") return /^\+[1-9]\d{6,14}$/.test(v) || SHA256.test(v);
    if (k === "email") return (/^[^@\sA-Z]+@[^@\sA-Z]+$/.test(v) && v === v.toLowerCase()) || SHA256.test(v);
    if (k === "psid") return /^\d{1,20}$/.test(v);
    return /^\S{1,1000}$/.test(v);
  });
}

export function handleUnsubscribe(state: EmulatorState, page: EmulatedPage, body: unknown) {
  if (!isObj(body)) refuse("request body must be a JSON object");
  for (const key of Object.keys(body)) if (key !== "data") refuse(`param ${key} is not a parameter of this endpoint`);
  if (!Array.isArray(body.data) || body.data.length === 0) refuse("param data must be a non-empty array");
  let invalid = 0;
  for (const row of body.data) {
    if (!validRow(row)) {
      invalid++;
      continue;
    }
    for (const sub of [...state.subscriptions.values()]) {
      if (sub.pageId !== page.pageId) continue;
      if ((row.psid && sub.psid === row.psid) || (row.subscriber_token && sub.token === row.subscriber_token)) {
        state.subscriptions.delete(sub.token);
      }
    }
    if (row.psid) state.unsubscribed.add(`${page.pageId}/${row.psid}`);
  }
  return { invalid_rows_count: invalid };
}
