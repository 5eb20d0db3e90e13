import { expect, it } from "vitest";
import { pickLocale } from "../../../web/server/notifications/locale.js";

it.each([
  ["de-DE", "en", "de"],
  ["pt-BR", "en", "pt-BR"],
  ["pt-PT", "en", "pt-BR"],
  ["pt_br", null, "pt-BR"],
  ["es-MX", "fr", "es"],
  ["LT", "en", "lt"],
  ["ja", "fr", "fr"],
  [null, "ru", "ru"],
  [undefined, "it-IT", "it"],
  ["", "", "en"],
  ["zz-ZZ", "xx", "en"],
  ["en-GB", "de", "en"],
  ["<script>", "de", "de"],
])("pickLocale(%s, %s) = %s", (customer, shop, expected) => {
  expect(pickLocale(customer, shop)).toBe(expected);
});
