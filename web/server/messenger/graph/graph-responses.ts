import { z } from "zod";

/** Success shapes of the Graph endpoints we call; parsed so a surprise from Meta fails loudly, not later. */
export const sendResponseSchema = z.object({ recipient_id: z.string().optional(), message_id: z.string() });
export const successSchema = z.object({ success: z.boolean() }).loose();
export const profileResultSchema = z.object({ result: z.string() }).loose();
export const profileGetSchema = z.object({ data: z.array(z.record(z.string(), z.unknown())) });
export const subscribedAppsSchema = z.object({
  data: z.array(
    z
      .object({ id: z.string(), name: z.string().optional(), subscribed_fields: z.array(z.string()).default([]) })
      .loose(),
  ),
});
export const templateCreatedSchema = z.object({ id: z.string(), status: z.string(), category: z.string().optional() });
export const templateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    language: z.string(),
    status: z.string(),
    category: z.string(),
    components: z.array(z.record(z.string(), z.unknown())).default([]),
  })
  .loose();
export const pagingSchema = z
  .object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() })
  .optional();
export const templateListSchema = z.object({ data: z.array(templateSchema), paging: pagingSchema });
export const tokenSchema = z.object({
  access_token: z.string(),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
});
export const pageAccountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    access_token: z.string(),
    tasks: z.array(z.string()).default([]),
    username: z.string().optional(),
  })
  .loose();
export const accountsSchema = z.object({ data: z.array(pageAccountSchema), paging: pagingSchema });
export const unsubscribeSchema = z.object({ invalid_rows_count: z.number().int().nonnegative() }).loose();
export const campaignSchema = z.object({ id: z.string() });
export const marketingSendSchema = z.object({ success: z.boolean(), marketing_message_tracking_id: z.string() });

export type MessageTemplate = z.infer<typeof templateSchema>;
export type PageAccount = z.infer<typeof pageAccountSchema>;
export type SubscribedApp = z.infer<typeof subscribedAppsSchema>["data"][number];

/** Utility template creation body (spec §2.3). */
export interface UtilityTemplateDefinition {
  name: string;
  category: "UTILITY";
  language: string;
  parameter_format?: "POSITIONAL" | "NAMED";
  components?: readonly object[];
  library_template_name?: string;
  library_template_body_inputs?: Record<string, unknown>;
  library_template_button_inputs?: Array<Record<string, unknown>>;
}

/** Messenger Profile properties (spec §9.2). */
export interface MessengerProfile {
  get_started?: { payload: string };
  greeting?: Array<{ locale: string; text: string }>;
  ice_breakers?: Array<{ locale?: string; call_to_actions: Array<{ question: string; payload: string }> }>;
  persistent_menu?: Array<{
    locale: string;
    composer_input_disabled?: boolean;
    call_to_actions: Array<
      { type: "postback"; title: string; payload: string } | { type: "web_url"; title: string; url: string }
    >;
  }>;
  whitelisted_domains?: string[];
}

/** Marketing Messages API send body (spec §4.2, send-messages doc Apr 2026). */
export interface MarketingMessageRequest {
  message_id: string;
  messenger_delivery_data: { subscription_token: string };
  message: Record<string, unknown>;
  min_conversation_gap_seconds?: number;
}

export interface MessageCampaignRequest {
  name: string;
  page_id: string;
  daily_budget?: number;
  lifetime_budget?: number;
  start_time?: string;
  end_time?: string;
  pixel_id?: string;
}
