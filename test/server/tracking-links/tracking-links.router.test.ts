import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTemplateLinks } from "../../../web/server/tracking-links/signed-link.js";
import { trackingLinksRouter } from "../../../web/server/tracking-links/tracking-links.router.js";

const links = createTemplateLinks(Buffer.alloc(32, 9), "https://app.example/");
const other = createTemplateLinks(Buffer.alloc(32, 8), "https://app.example");
const TRACKING = "https://www.ups.com/track?tracknum=1ZSECOND000000002";

describe("signed template links", () => {
  it("round-trips a destination and puts the app's /t/ in front", () => {
    expect(links.base).toBe("https://app.example/t/");
    expect(links.resolve(links.suffixFor(TRACKING))).toBe(TRACKING);
  });

  it("refuses a suffix signed with another key, a tampered one, and non-http destinations", () => {
    const suffix = links.suffixFor(TRACKING);
    expect(links.resolve(other.suffixFor(TRACKING))).toBeUndefined();
    const [payload, signature] = suffix.split(".");
    const evil = Buffer.from("https://evil.example", "utf8").toString("base64url");
    expect(links.resolve(`${evil}.${signature}`)).toBeUndefined();
    expect(links.resolve(`${payload}.${signature}.x`)).toBeUndefined();
    expect(links.resolve(links.suffixFor("javascript:alert(1)"))).toBeUndefined();
  });
});

describe("GET /t/:suffix", () => {
  let server: ReturnType<ReturnType<typeof express>["listen"]>;
  let base: string;
  beforeAll(async () => {
    const app = express().use("/t", trackingLinksRouter(links));
    server = app.listen(0);
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/t/`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("redirects a signed suffix to its destination, uncached", async () => {
    const res = await fetch(`${base}${links.suffixFor(TRACKING)}`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(TRACKING);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 404 to anything it did not sign (never an open redirect)", async () => {
    const res = await fetch(`${base}${other.suffixFor("https://evil.example")}`, { redirect: "manual" });
    expect(res.status).toBe(404);
  });
});
