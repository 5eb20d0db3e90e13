/** `shop:install --shop x --access-token y` → { command: "shop:install", args: { shop: "x", "access-token": "y" } } */
export function parseArgv(argv: string[]): { command: string | undefined; args: Record<string, string | boolean> } {
  const [command, ...rest] = argv;
  const args: Record<string, string | boolean> = {};
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    if (!token.startsWith("--")) throw new Error(`unexpected argument "${token}"`);
    const eq = token.indexOf("=");
    if (eq !== -1) {
      args[token.slice(2, eq)] = token.slice(eq + 1);
    } else if (rest[i + 1] !== undefined && !rest[i + 1]!.startsWith("--")) {
      args[token.slice(2)] = rest[++i]!;
    } else {
      args[token.slice(2)] = true;
    }
  }
  return { command, args };
}
