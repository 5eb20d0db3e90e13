import { createHash } from "node:crypto";
import type { Deps } from "../deps.js";
import { GraphApiError } from "../messenger/graph/graph-error.js";
import { utilityTemplateDefinitions, type UtilityTemplateDefinition } from "../notifications/utility-templates.js";
import { readNotificationSettings } from "../orders/notification-settings.js";
import { templateLinksFor } from "../tracking-links/signed-link.js";

export type TemplateDeps = Pick<Deps, "db" | "graph" | "cipher" | "clock" | "logger" | "config">;

export interface EnsureResult {
  created: number;
  /** Changed definitions: deleted at Meta and created again (templates cannot be edited). */
  recreated: number;
  unchanged: number;
  refused: number;
}

/** Stable hash of what was submitted; a changed wording gives a new hash. */
export function definitionHash(definition: UtilityTemplateDefinition): string {
  return createHash("sha256").update(JSON.stringify(definition)).digest("hex");
}

/** The definitions a Page needs now: the shop's wording (or ours) and this app's link base. */
export async function definitionsForPage(
  deps: Pick<Deps, "db" | "config">,
  shopId: string,
): Promise<UtilityTemplateDefinition[]> {
  const shop = await deps.db.shop.findUnique({ where: { id: shopId }, select: { settings: true } });
  return utilityTemplateDefinitions({
    linkBase: templateLinksFor(deps.config).base,
    wording: readNotificationSettings(shop?.settings).wording,
  });
}

/**
 * Creates the app's utility templates for a connected Page, one per event and language, through
 * POST /{page-id}/message_templates (they start PENDING; approval comes by the template-status webhook, with
 * polling as the fallback: template-jobs.ts). A template already submitted with the same definition is left alone.
 * Templates cannot be edited, so one whose definition changed (the merchant's wording, the app's URL) is deleted
 * and created again. Safe to run repeatedly (the "templates.ensure" job).
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/utility-messages
 */
export async function ensureUtilityTemplates(
  deps: TemplateDeps,
  pageId: string,
  given?: UtilityTemplateDefinition[],
): Promise<EnsureResult> {
  const page = await deps.db.pageConnection.findUnique({ where: { pageId } });
  const result: EnsureResult = { created: 0, recreated: 0, unchanged: 0, refused: 0 };
  if (!page || page.status !== "active") return result;
  const definitions = given ?? (await definitionsForPage(deps, page.shopId));
  const token = deps.cipher.decrypt(page.tokenCiphertext);
  const rows = await deps.db.utilityTemplate.findMany({ where: { pageId } });
  const byKey = new Map(rows.map((r) => [`${r.name}:${r.language}`, r]));
  for (const definition of definitions) {
    const hash = definitionHash(definition);
    const row = byKey.get(`${definition.name}:${definition.language}`);
    const submitted = row !== undefined && row.status !== "draft";
    if (submitted && row.definitionHash === hash) {
      result.unchanged++;
      continue;
    }
    const key = { pageId_name_language: { pageId, name: definition.name, language: definition.language } };
    try {
      if (submitted) await deleteRemote(deps, pageId, token, definition.name, row.metaTemplateId);
      const created = await deps.graph.createMessageTemplate(pageId, token, definition);
      await deps.db.utilityTemplate.upsert({
        where: key,
        create: {
          pageId,
          name: definition.name,
          language: definition.language,
          status: "PENDING",
          metaTemplateId: created.id,
          definitionHash: hash,
        },
        update: { status: "PENDING", metaTemplateId: created.id, definitionHash: hash, rejectionReason: null },
      });
      if (submitted) result.recreated++;
      else result.created++;
    } catch (error) {
      if (!(error instanceof GraphApiError) || error.code !== 100) throw error;
      // Meta refused the definition (or it exists already): record why and try again on the next change.
      result.refused++;
      const existing = await findRemote(deps, pageId, token, definition);
      await deps.db.utilityTemplate.upsert({
        where: key,
        create: {
          pageId,
          name: definition.name,
          language: definition.language,
          status: existing?.status ?? "draft",
          metaTemplateId: existing?.id ?? null,
          rejectionReason: existing ? null : error.message.slice(0, 500),
          definitionHash: existing ? hash : "",
        },
        // After a deletion the old version is gone: the row must not keep pointing at it.
        update: {
          rejectionReason: `resubmission refused: ${error.message}`.slice(0, 500),
          ...(submitted && !existing ? { status: "draft", metaTemplateId: null, definitionHash: "" } : {}),
        },
      });
    }
  }
  deps.logger.info({ pageId, ...result }, "utility templates ensured");
  return result;
}

/** Deletes the old version; one Meta no longer has is already gone, which is what we wanted. */
async function deleteRemote(deps: TemplateDeps, pageId: string, token: string, name: string, id: string | null) {
  try {
    await deps.graph.deleteMessageTemplate(pageId, token, { name, id });
  } catch (error) {
    if (!(error instanceof GraphApiError) || error.code !== 100) throw error;
    deps.logger.info({ pageId, template: name }, "template to replace was already gone at Meta");
  }
}

async function findRemote(deps: TemplateDeps, pageId: string, token: string, definition: UtilityTemplateDefinition) {
  const list = await deps.graph.listMessageTemplates(pageId, token, {
    name: definition.name,
    language: definition.language,
  });
  return list.data.find((t) => t.name === definition.name && t.language === definition.language);
}
