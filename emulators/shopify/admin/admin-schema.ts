import {
  buildSchema,
  execute,
  getNamedType,
  isObjectType,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLError,
} from "graphql";
import type { AdminState, EmulatedMetafield, EmulatedShop } from "./admin-state.js";

/**
 * The slice of the Admin GraphQL schema (2026-10) the app uses, with Shopify's type and field names. Anything
 * else fails validation the way Shopify answers an unknown field. Add a field here only when the app needs it.
 * https://shopify.dev/docs/api/admin-graphql
 */
const SDL = /* GraphQL */ `
  schema {
    query: QueryRoot
    mutation: Mutation
  }
  scalar DateTime
  scalar URL
  scalar JSON

  type QueryRoot {
    shop: Shop!
    currentAppInstallation: AppInstallation!
  }
  type Mutation {
    metafieldsSet(metafields: [MetafieldsSetInput!]!): MetafieldsSetPayload
    metafieldsDelete(metafields: [MetafieldIdentifierInput!]!): MetafieldsDeletePayload
    tagsAdd(id: ID!, tags: [String!]!): TagsAddPayload
    tagsRemove(id: ID!, tags: [String!]!): TagsRemovePayload
    flowTriggerReceive(handle: String, payload: JSON): FlowTriggerReceivePayload
  }

  type TagsAddPayload {
    userErrors: [UserError!]!
  }
  type TagsRemovePayload {
    userErrors: [UserError!]!
  }
  type FlowTriggerReceivePayload {
    userErrors: [UserError!]!
  }

  type Shop {
    id: ID!
    name: String!
    email: String!
    myshopifyDomain: String!
    currencyCode: String!
    ianaTimezone: String!
    billingAddress: ShopAddress!
  }
  type ShopAddress {
    countryCodeV2: String
  }

  type AppInstallation {
    id: ID!
    metafield(namespace: String, key: String!): Metafield
  }
  type Metafield {
    id: ID!
    namespace: String!
    key: String!
    type: String!
    value: String!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  input MetafieldsSetInput {
    ownerId: ID!
    namespace: String
    key: String!
    value: String!
    type: String
    compareDigest: String
  }
  type MetafieldsSetPayload {
    metafields: [Metafield!]
    userErrors: [MetafieldsSetUserError!]!
  }
  type MetafieldsSetUserError {
    field: [String!]
    message: String!
    code: String
    elementIndex: Int
  }

  input MetafieldIdentifierInput {
    ownerId: ID!
    namespace: String!
    key: String!
  }
  type MetafieldIdentifier {
    ownerId: ID!
    namespace: String!
    key: String!
  }
  type MetafieldsDeletePayload {
    deletedMetafields: [MetafieldIdentifier]
    userErrors: [UserError!]!
  }
  type UserError {
    field: [String!]
    message: String!
  }
`;

const schema = buildSchema(SDL);
/** Types the app writes to app-data metafields; the emulator checks values against them. */
const KNOWN_TYPES = new Set(["single_line_text_field", "multi_line_text_field", "number_integer", "boolean", "json"]);
/** metafieldsSet takes at most 25 metafields per call. */
const MAX_SET = 25;
/** The app's reserved namespace when none is given. */
const APP_NAMESPACE = "$app";

export interface ParsedOperation {
  document: DocumentNode;
  /** Shopify's calculated cost: objects 1, scalars 0, each mutation 10. */
  requestedCost: number;
}

export interface ShopifyGraphqlError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** Parses and validates a query; errors come back shaped as Shopify sends them (HTTP 200, top-level errors). */
export function parseOperation(
  query: unknown,
  operationName: string | undefined,
): { ok: true; operation: ParsedOperation } | { ok: false; errors: ShopifyGraphqlError[] } {
  if (typeof query !== "string" || query.trim() === "") {
    return { ok: false, errors: [{ message: "No query string was present" }] };
  }
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { ok: false, errors: [shopifyError(error as GraphQLError)] };
  }
  const problems = validate(schema, document);
  if (problems.length > 0) return { ok: false, errors: problems.map(shopifyError) };
  const operations = document.definitions.filter((d) => d.kind === "OperationDefinition");
  if (operations.length > 1 && !operationName) {
    return { ok: false, errors: [{ message: "An operation name is required" }] };
  }
  return { ok: true, operation: { document, requestedCost: calculateCost(document) } };
}

/** Graphql-js says `Cannot query field "x" on type "T".`; Shopify says `Field 'x' doesn't exist on type 'T'`. */
function shopifyError(error: GraphQLError): ShopifyGraphqlError {
  const locations = error.locations?.map((l) => ({ line: l.line, column: l.column }));
  const unknown = /^Cannot query field "([^"]+)" on type "([^"]+)"/.exec(error.message);
  if (unknown) {
    const [, fieldName, typeName] = unknown;
    return {
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
      ...(locations ? { locations } : {}),
      extensions: { code: "undefinedField", typeName, fieldName },
    };
  }
  return { message: error.message, ...(locations ? { locations } : {}) };
}

function calculateCost(document: DocumentNode): number {
  const info = new TypeInfo(schema);
  let cost = 0;
  visit(
    document,
    visitWithTypeInfo(info, {
      Field() {
        const parent = info.getParentType();
        if (parent?.name === "Mutation") cost += 10;
        else if (isObjectType(getNamedType(info.getType()))) cost += 1;
      },
    }),
  );
  return cost;
}

export interface OperationContext {
  state: AdminState;
  shop: EmulatedShop;
}

export async function runOperation(
  operation: ParsedOperation,
  variables: unknown,
  operationName: string | undefined,
  context: OperationContext,
): Promise<{ data?: unknown; errors?: ShopifyGraphqlError[] }> {
  const result = await execute({
    schema,
    document: operation.document,
    rootValue: rootResolvers,
    contextValue: context,
    variableValues: (variables ?? {}) as Record<string, unknown>,
    operationName,
  });
  return {
    ...(result.data !== undefined ? { data: result.data } : {}),
    ...(result.errors ? { errors: result.errors.map(shopifyError) } : {}),
  };
}

interface SetInput {
  ownerId: string;
  namespace?: string | null;
  key: string;
  value: string;
  type?: string | null;
}

const rootResolvers = {
  shop: (_: unknown, { shop }: OperationContext) => ({
    id: `gid://shopify/Shop/${Math.abs(hash(shop.domain))}`,
    name: shop.name,
    email: shop.email,
    myshopifyDomain: shop.domain,
    currencyCode: shop.currencyCode,
    ianaTimezone: shop.ianaTimezone,
    billingAddress: { countryCodeV2: shop.countryCode },
  }),
  currentAppInstallation: (_: unknown, { shop }: OperationContext) => ({
    id: shop.appInstallationId,
    metafield: ({ namespace, key }: { namespace?: string; key: string }) =>
      shop.metafields.get(`${namespace ?? APP_NAMESPACE}.${key}`) ?? null,
  }),
  metafieldsSet: ({ metafields }: { metafields: SetInput[] }, { shop, state }: OperationContext) => {
    const userErrors = validateSet(shop, metafields);
    if (userErrors.length > 0) return { metafields: null, userErrors };
    const at = new Date(state.now()).toISOString();
    const written = metafields.map((input) => {
      const namespace = input.namespace ?? APP_NAMESPACE;
      const id = `${namespace}.${input.key}`;
      const existing = shop.metafields.get(id);
      const row: EmulatedMetafield = {
        id: existing?.id ?? state.nextMetafieldId(),
        ownerId: input.ownerId,
        namespace,
        key: input.key,
        type: input.type ?? existing?.type ?? "",
        value: input.value,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      };
      shop.metafields.set(id, row);
      return row;
    });
    return { metafields: written, userErrors: [] };
  },
  tagsAdd: ({ id, tags }: { id: string; tags: string[] }, { shop }: OperationContext) =>
    changeTags(shop, "tagsAdd", id, tags),
  tagsRemove: ({ id, tags }: { id: string; tags: string[] }, { shop }: OperationContext) =>
    changeTags(shop, "tagsRemove", id, tags),
  flowTriggerReceive: ({ handle, payload }: { handle?: unknown; payload?: unknown }, { shop }: OperationContext) =>
    receiveFlowTrigger(shop, handle, payload),
  metafieldsDelete: (
    { metafields }: { metafields: { ownerId: string; namespace: string; key: string }[] },
    { shop }: OperationContext,
  ) => {
    const userErrors = metafields.flatMap((m, i) =>
      m.ownerId === shop.appInstallationId
        ? []
        : [{ field: ["metafields", String(i), "ownerId"], message: "Owner does not exist." }],
    );
    if (userErrors.length > 0) return { deletedMetafields: null, userErrors };
    // A metafield that did not exist comes back as null, not as an error.
    const deletedMetafields = metafields.map((m) =>
      shop.metafields.delete(`${m.namespace}.${m.key}`)
        ? { ownerId: m.ownerId, namespace: m.namespace, key: m.key }
        : null,
    );
    return { deletedMetafields, userErrors: [] };
  },
};

/** Shopify refuses a field whose access scope the app was not granted, as a top-level error. */
function requireScope(shop: EmulatedShop, field: string, ...anyOf: string[]): void {
  const granted = shop.scope.split(",").map((s) => s.trim());
  if (!anyOf.some((s) => granted.includes(s)))
    throw new Error(`Access denied for ${field} field. Required access: \`${anyOf[0]}\` access scope.`);
}

const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/[1-9]\d{0,19}$/;

/** tagsAdd / tagsRemove on customers (the only taggable the app uses): https://shopify.dev/docs/api/admin-graphql/latest/mutations/tagsAdd */
function changeTags(shop: EmulatedShop, field: "tagsAdd" | "tagsRemove", id: string, tags: string[]) {
  requireScope(shop, field, "write_customers");
  if (!CUSTOMER_GID.test(id)) return { userErrors: [{ field: ["id"], message: "Invalid global id" }] };
  const bad = tags.findIndex((t) => t.trim() === "" || t.length > 255 || t.includes(","));
  if (bad >= 0) return { userErrors: [{ field: ["tags", String(bad)], message: "Tag is invalid" }] };
  const current = shop.customerTags.get(id) ?? new Set<string>();
  for (const tag of tags) {
    if (field === "tagsAdd") current.add(tag.trim());
    else current.delete(tag.trim());
  }
  shop.customerTags.set(id, current);
  return { userErrors: [] };
}

/** flowTriggerReceive: a handle of one of the app's trigger extensions and a JSON payload of at most 50 KB. */
function receiveFlowTrigger(shop: EmulatedShop, handle: unknown, payload: unknown) {
  if (typeof handle !== "string" || !/^[a-z0-9-]{1,30}$/.test(handle))
    return { userErrors: [{ field: ["handle"], message: "Invalid handle" }] };
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    return { userErrors: [{ field: ["payload"], message: "Payload must be an object" }] };
  if (Buffer.byteLength(JSON.stringify(payload)) > 50_000)
    return { userErrors: [{ field: ["payload"], message: "Payload exceeds the maximum size of 50 KB" }] };
  if ("customer_id" in payload) requireScope(shop, "flowTriggerReceive", "read_customers", "write_customers");
  shop.flowTriggers.push({ handle, payload: payload as Record<string, unknown> });
  return { userErrors: [] };
}

/** metafieldsSet's checks for app-data metafields (owner, namespace and key format, type, value). */
function validateSet(shop: EmulatedShop, inputs: SetInput[]) {
  const errors: { field: string[]; message: string; code: string; elementIndex: number }[] = [];
  const fail = (i: number, field: string, code: string, message: string) =>
    errors.push({ field: ["metafields", String(i), field], message, code, elementIndex: i });
  if (inputs.length > MAX_SET) {
    return [
      {
        field: ["metafields"],
        message: `Exceeded the maximum of ${MAX_SET} metafields.`,
        code: "LESS_THAN_OR_EQUAL_TO",
        elementIndex: 0,
      },
    ];
  }
  inputs.forEach((input, i) => {
    if (input.ownerId !== shop.appInstallationId) fail(i, "ownerId", "INVALID", "Owner does not exist.");
    const namespace = input.namespace ?? APP_NAMESPACE;
    if (namespace !== APP_NAMESPACE && !/^[A-Za-z0-9_-]{3,255}$/.test(namespace))
      fail(i, "namespace", "INVALID", "Namespace is invalid.");
    if (!/^[A-Za-z0-9_-]{2,64}$/.test(input.key)) fail(i, "key", "INVALID", "Key is invalid.");
    const type = input.type ?? shop.metafields.get(`${namespace}.${input.key}`)?.type;
    if (!type) fail(i, "type", "BLANK", "Type can't be blank.");
    else if (!KNOWN_TYPES.has(type)) fail(i, "type", "INVALID_TYPE", "Type is invalid.");
    else if (type === "single_line_text_field" && (input.value === "" || /[\r\n]/.test(input.value)))
      fail(i, "value", "INVALID_VALUE", "Value is invalid for a single line text field.");
  });
  return errors;
}

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}
