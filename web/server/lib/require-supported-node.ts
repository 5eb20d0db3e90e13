/**
 * Imported first by every entry point (server, CLI, sandbox), so nothing else runs on an older Node: Shopify
 * ids are parsed with the JSON reviver's `context.source` (notifications/shopify-json.ts), which older
 * versions silently lack, turning 64-bit ids into rounded numbers instead of failing.
 */
const MINIMUM = [22, 12, 0] as const;

/** Why this Node version cannot run the app, or undefined when it can. Pure. */
export function unsupportedNodeMessage(version: string): string | undefined {
  const parts = version.replace(/^v/, "").split(".").map(Number);
  for (let i = 0; i < MINIMUM.length; i++) {
    const part = parts[i] ?? 0;
    if (part > MINIMUM[i]!) return undefined;
    if (part < MINIMUM[i]!) {
      return (
        `Messenger Connect needs Node ${MINIMUM.join(".")} or newer; this is Node ${version}. ` +
        `Run it through npm (npm start, npm run cli, npm run sandbox), which uses the pinned Node 22 in node_modules/.bin/node.`
      );
    }
  }
  return undefined;
}

const problem = unsupportedNodeMessage(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(2);
}
