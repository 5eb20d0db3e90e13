import { describe, expect, it } from "vitest";
import {
  findPromotionalContent,
  isPromotional,
  normalizeForContentCheck,
} from "../../../web/server/policy/promotional-content.js";

describe("findPromotionalContent flags promotion in every supported language", () => {
  it.each([
    ["en", "Use code SAVE10 at checkout"],
    ["en", "Here is your coupon"],
    ["en", "Get 15% off today"],
    ["en", "Take 20 % OFF everything"],
    ["en", "Our summer sale ends Sunday"],
    ["en", "Free shipping on your next order!"],
    ["en", "Shop now before it's gone"],
    ["en", "Don’t miss out"],
    ["en", "Enjoy $5 off your next purchase"],
    ["es", "Usa el cupón BIENVENIDO"],
    ["es", "Obtén un 10% de descuento"],
    ["es", "¡Compra ya!"],
    ["es", "Envío gratis en tu próximo pedido"],
    ["fr", "Votre code promo : MERCI"],
    ["fr", "Profitez de 20 % de réduction"],
    ["fr", "Les soldes commencent"],
    ["fr", "Livraison gratuite sur votre prochaine commande"],
    ["de", "Ihr Gutschein wartet"],
    ["de", "Jetzt 10% Rabatt sichern"],
    ["de", "Jetzt kaufen!"],
    ["it", "Ecco il tuo codice sconto"],
    ["it", "Saldi estivi"],
    ["it", "Acquista ora"],
    ["pt", "Use o cupom BEMVINDO"],
    ["pt", "Ganhe 10% de desconto"],
    ["pt", "Frete grátis na sua próxima compra"],
    ["lt", "Jūsų nuolaidos kodas: AČIŪ"],
    ["lt", "Didysis išpardavimas"],
    ["lt", "Pirk dabar"],
    ["ru", "Ваш промокод: СПАСИБО"],
    ["ru", "Скидка 10% на всё"],
    ["ru", "Большая распродажа"],
    ["ru", "Купите сейчас"],
  ] as const)("%s: %s", (language, text) => {
    const matches = findPromotionalContent(["Your order has shipped.", text]);
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.map((match) => match.language)).toContain(language);
    expect(isPromotional([text])).toBe(true);
  });
});

describe("findPromotionalContent leaves plain order facts alone", () => {
  it.each([
    "Your order #1001 has shipped. Track it here: https://track.example/1001",
    "Your refund of $12.50 has been issued to your Visa ending in 4242.",
    "Order #1001 was cancelled at your request.",
    "Connected as J***. Not you? Reply UNLINK.",
    "Su pedido sale hoy del almacén.", // Spanish "sale" means "leaves"
    "Votre commande a été expédiée. Profitez bien de votre achat !",
    "Ihre Bestellung wurde versandt.",
    "Il tuo ordine è stato consegnato.",
    "Seu pedido foi entregue. Aproveite a sua compra!",
    "Jūsų užsakymas išsiųstas.",
    "Ваш заказ доставлен.",
    "We sell wholesale to resellers.",
  ])("%s", (text) => {
    expect(findPromotionalContent([text])).toEqual([]);
  });

  it("returns nothing for no text", () => {
    expect(isPromotional([])).toBe(false);
  });
});

describe("normalizeForContentCheck", () => {
  it("lower-cases, strips accents and unifies apostrophes and spaces", () => {
    expect(normalizeForContentCheck("Don\u2019t  MISS\tÉté Išpardavimas")).toBe("don't miss ete ispardavimas");
  });
});
