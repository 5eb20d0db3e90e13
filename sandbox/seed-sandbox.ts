import type { MetaEmulator } from "../emulators/meta/index.js";
import type { ShopifyAdminEmulator } from "../emulators/shopify/admin/admin-emulator.js";
import { runCommand } from "../web/server/cli/commands.js";
import type { Deps } from "../web/server/deps.js";
import { definitionsForPage } from "../web/server/templates/ensure-utility-templates.js";
import { pollUntil } from "./poll-until.js";
import { SANDBOX_PAGE, SANDBOX_SHOP } from "./sandbox-settings.js";

/**
 * Seeds what a merchant would have done after installing: the shop (an expiring offline token from the Shopify
 * emulator, stored as token exchange would) and the Page (as Facebook Login for Business would). Both commands
 * upsert, so a second run on the same data folder changes nothing but fresh state in the (in-memory) emulators:
 * the Page is subscribed again and the app writes the bubble's metafield again.
 */
export async function seedShopAndPage(deps: Deps, shopify: ShopifyAdminEmulator): Promise<{ shopId: string }> {
  const token = shopify.issueOfflineToken(SANDBOX_SHOP);
  const installed = await runCommand(deps, "shop:install", {
    shop: SANDBOX_SHOP,
    "access-token": token.access_token,
    "refresh-token": token.refresh_token,
    "expires-in": String(token.expires_in),
  });
  await runCommand(deps, "page:connect", {
    shop: SANDBOX_SHOP,
    "page-id": SANDBOX_PAGE.pageId,
    "page-token": SANDBOX_PAGE.token,
  });
  return { shopId: String(installed.shopId) };
}

/**
 * Outside the 24 h window order updates need APPROVED utility templates. Page connection asks for them (a
 * job); the emulator keeps templates in memory only, so on a later run with a persisted database the app's
 * rows exist but the fresh emulator has none: submit those to the emulator directly, then approve all of
 * them there, which sends the template-status webhooks the app applies like Meta's.
 */
export async function ensureApprovedTemplates(deps: Deps, meta: MetaEmulator): Promise<number> {
  const pageId = SANDBOX_PAGE.pageId;
  const page = await deps.db.pageConnection.findUniqueOrThrow({ where: { pageId } });
  const definitions = await definitionsForPage(deps, page.shopId);
  await pollUntil(
    async () =>
      (await deps.db.utilityTemplate.count({ where: { pageId, metaTemplateId: { not: null } } })) >= definitions.length,
    "the app to submit its utility templates",
  );
  for (const definition of definitions) {
    const known = meta.state.templates.some(
      (t) => t.pageId === pageId && t.name === definition.name && t.language === definition.language,
    );
    if (!known) await deps.graph.createMessageTemplate(pageId, SANDBOX_PAGE.token, definition);
  }
  for (const t of meta.state.templates.filter((x) => x.pageId === pageId && x.status !== "APPROVED")) {
    await meta.approveTemplate(t.name, t.language, pageId);
  }
  await pollUntil(
    async () => (await deps.db.utilityTemplate.count({ where: { pageId, status: "APPROVED" } })) >= definitions.length,
    "the app to record its templates as APPROVED",
  );
  return definitions.length;
}
