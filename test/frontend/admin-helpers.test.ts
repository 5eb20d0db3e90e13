import { describe, expect, it } from "vitest";
import type { NotificationSettings, PageConnection } from "../../web/shared/admin-dto.js";
import { WORDING_VARIABLES_BY_EVENT } from "../../web/shared/wording-variables.js";
import { isWordingVariable } from "../../web/server/notifications/wording/variables.js";
import { ORDER_EVENTS } from "../../web/server/notifications/order-event.js";
import {
  fieldErrors,
  otherErrors,
  sameSettings,
  withEvent,
  withWording,
} from "../../web/frontend/src/notification-form.js";
import { bubbleEmbedStatus, pageHealth, themeEditorUrl } from "../../web/frontend/src/onboarding.js";

const empty: NotificationSettings = { events: {}, wording: {}, includeAddress: false };

describe("notification form helpers", () => {
  it("an emptied wording is no override at all (the default wording applies)", () => {
    const one = withWording(empty, "en", "shipped", "Hi {{first_name}}");
    expect(one.wording).toEqual({ en: { shipped: "Hi {{first_name}}" } });
    expect(withWording(one, "en", "shipped", "").wording).toEqual({});
    expect(sameSettings(withWording(one, "en", "shipped", ""), empty)).toBe(true);
    expect(sameSettings(withEvent(empty, "shipped", false), empty)).toBe(false);
  });

  it("shows each error on its field, pointing at the text it is about, and lists the others", () => {
    const text = "Hi {{first_name}}, see {{tracking}} {{Name}}";
    const errors = [
      { path: "wording.en.shipped", message: "Unknown variable {{tracking}}.", index: 23, length: 12 },
      {
        path: "wording.en.shipped",
        message: "A variable name uses lowercase letters, digits and _.",
        index: 36,
        length: 8,
      },
      { path: "wording.fr.delivered", message: "The message is empty." },
    ];
    expect(fieldErrors(errors, "wording.en.shipped", text)).toEqual([
      "Unknown variable {{tracking}}.",
      "A variable name uses lowercase letters, digits and _. (“{{Name}}”)",
    ]);
    expect(otherErrors(errors, "wording.en.shipped").map((e) => e.path)).toEqual(["wording.fr.delivered"]);
  });

  it("lists variables for every order event the server knows, each one a known variable", () => {
    for (const event of ORDER_EVENTS) {
      expect(WORDING_VARIABLES_BY_EVENT[event]?.length, event).toBeGreaterThan(0);
      for (const name of WORDING_VARIABLES_BY_EVENT[event]!) expect(isWordingVariable(name), name).toBe(true);
    }
  });
});

describe("onboarding helpers", () => {
  it("deep-links the theme editor to the bubble app embed", () => {
    expect(themeEditorUrl("demo.myshopify.com", "abc123")).toBe(
      "https://demo.myshopify.com/admin/themes/current/editor?context=apps&activateAppId=abc123%2Fmessenger-bubble",
    );
  });

  it("reads the bubble embed's status from App Bridge's extension list", () => {
    const embed = (status: string) => [
      { type: "ui_extension", activations: [] },
      { type: "theme_app_extension", activations: [{ handle: "messenger-bubble", status }] },
    ];
    expect(bubbleEmbedStatus(embed("active"))).toBe("on");
    expect(bubbleEmbedStatus(embed("available"))).toBe("off");
    expect(bubbleEmbedStatus([])).toBe("unknown");
    expect(bubbleEmbedStatus(undefined)).toBe("unknown");
  });

  it("treats one active Page as connected, a paused one as needing attention", () => {
    const page = (status: string): PageConnection => ({
      pageId: status,
      pageName: null,
      pageUsername: null,
      status,
      statusReason: null,
      authErrorAt: null,
      subscribedAt: null,
      profileSyncedAt: null,
    });
    expect(pageHealth([page("paused"), page("active")])).toMatchObject({
      health: "connected",
      page: { pageId: "active" },
    });
    expect(pageHealth([page("paused")]).health).toBe("needs_attention");
    expect(pageHealth([]).health).toBe("not_connected");
  });
});
