import { createHash } from "node:crypto";
import type { Deps } from "../deps.js";
import { GraphApiError } from "../messenger/graph/graph-error.js";
import { utilityTemplateDefinitions, type UtilityTemplateDefinition } from "../notifications/utility-templates.js";

export type TemplateDeps = Pick<Deps, "db" | "graph" | "cipher" | "clock" | "logger">;

export interface EnsureResult {
  created: number;
  resubmitted: number;
  unchanged: number;
  refused: number;
}

/** Stable hash of what was submitted; a changed wording gives a new hash. */
export function definitionHash(definition: UtilityTemplateDefinition): string {
  return createHash("sha256").update(JSON.stringify(definition)).digest("hex");
}

/**
 * Creates the app's utility templates for a connected Page, one per event and language, through
 * POST /{page-id}/message_templates (they start PENDING; approval comes by the template-status webhook:
 * https://developers.facebook.com/docs/messenger-platform/send-messages/utility-messages). A template
 * already submitted with the same definition is skipped; a REJECTED one whose definition changed since is
 * submitted again. Safe to run repeatedly (the "templates.ensure" job).
 */
export async function ensureUtilityTemplates(
  deps: TemplateDeps,
  pageId: string,
  definitions: UtilityTemplateDefinition[] = utilityTemplateDefinitions(),
): Promise<EnsureResult> {
  const page = await deps.db.pageConnection.findUnique({ where: { pageId } });
  const result: EnsureResult = { created: 0, resubmitted: 0, unchanged: 0, refused: 0 };
  if (!page || page.status !== "active") return result;
  const token = deps.cipher.decrypt(page.tokenCiphertext);
  const rows = await deps.db.utilityTemplate.findMany({ where: { pageId } });
  const byKey = new Map(rows.map((r) => [`${r.name}:${r.language}`, r]));
  for (const definition of definitions) {
    const hash = definitionHash(definition);
    const row = byKey.get(`${definition.name}:${definition.language}`);
    const submitted = row && row.status !== "draft";
    if (submitted && (row.definitionHash === hash || row.status !== "REJECTED")) {
      result.unchanged++;
      continue;
    }
    const key = { pageId_name_language: { pageId, name: definition.name, language: definition.language } };
    try {
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
      if (row) result.resubmitted++;
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
        update: { rejectionReason: `resubmission refused: ${error.message}`.slice(0, 500) },
      });
    }
  }
  deps.logger.info({ pageId, ...result }, "utility templates ensured");
  return result;
}

async function findRemote(deps: TemplateDeps, pageId: string, token: string, definition: UtilityTemplateDefinition) {
  const list = await deps.graph.listMessageTemplates(pageId, token, {
    name: definition.name,
    language: definition.language,
  });
  return list.data.find((t) => t.name === definition.name && t.language === definition.language);
}
