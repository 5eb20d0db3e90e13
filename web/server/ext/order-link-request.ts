import { z } from "zod";

/**
 * Body of POST /ext/order-link. The Thank-you extension sends `shopify.orderConfirmation.value`
 * (order.id + number = confirmation number); the Order-status extension sends `shopify.order.value`
 * (id + confirmationNumber?). The shop never comes from the body: only the session token names it.
 */

const ORDER_GID = /^gid:\/\/shopify\/Order\/([1-9][0-9]{0,19})$/;
const DIGITS = /^[1-9][0-9]{0,19}$/;

export const ORDER_LINK_ENTRY_POINTS = ["thank_you", "order_status"] as const;
export type OrderLinkEntryPoint = (typeof ORDER_LINK_ENTRY_POINTS)[number];

export const orderLinkRequestSchema = z
  .object({
    orderId: z
      .string()
      .max(60)
      .transform((value, ctx) => {
        const id = DIGITS.test(value) ? value : ORDER_GID.exec(value)?.[1];
        if (!id || BigInt(id) > (1n << 64n) - 1n) {
          ctx.addIssue({ code: "custom", message: "orderId must be gid://shopify/Order/<digits> or digits" });
          return z.NEVER;
        }
        return id;
      }),
    // Shopify's confirmation numbers are short alphanumeric strings (e.g. "XPAV2ZK6P").
    confirmationNumber: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/)
      .optional(),
    entryPoint: z.enum(ORDER_LINK_ENTRY_POINTS),
  })
  .strict()
  .superRefine((body, ctx) => {
    // On the Thank-you page the order may not exist on our side yet; the confirmation number is the only proof.
    if (body.entryPoint === "thank_you" && body.confirmationNumber === undefined) {
      ctx.addIssue({ code: "custom", path: ["confirmationNumber"], message: "required on the Thank-you page" });
    }
  });

export type OrderLinkRequest = z.output<typeof orderLinkRequestSchema>;
