/**
 * The TOML subset shopify.extension.toml files here use: comments, [table], [[array.of.tables]] and
 * `key = "string" | true | false | integer | ["string", ...]`. No TOML package is installed and the real
 * parser is Shopify CLI's; anything outside the subset throws, so a file that drifts fails the test loudly.
 */
export type TomlValue = string | number | boolean | string[] | TomlTable | TomlTable[];
export interface TomlTable {
  [key: string]: TomlValue;
}

export function parseTomlSubset(text: string): TomlTable {
  const root: TomlTable = {};
  let current = root;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = stripComment(raw).trim();
    if (!line) return;
    const arrayTable = /^\[\[([A-Za-z0-9_.-]+)\]\]$/.exec(line);
    const table = /^\[([A-Za-z0-9_.-]+)\]$/.exec(line);
    if (arrayTable) {
      const { parent, key } = walk(root, arrayTable[1]!.split("."));
      const list = (parent[key] ??= []) as TomlTable[];
      if (!Array.isArray(list)) throw new Error(`line ${index + 1}: ${key} is not an array of tables`);
      current = {};
      list.push(current);
    } else if (table) {
      const { parent, key } = walk(root, table[1]!.split("."));
      if (parent[key] !== undefined) throw new Error(`line ${index + 1}: table ${table[1]} defined twice`);
      current = {};
      parent[key] = current;
    } else {
      const pair = /^([A-Za-z0-9_-]+)\s*=\s*(.+)$/.exec(line);
      if (!pair) throw new Error(`line ${index + 1}: not in the supported TOML subset: ${line}`);
      if (pair[1]! in current) throw new Error(`line ${index + 1}: duplicate key ${pair[1]}`);
      current[pair[1]!] = parseValue(pair[2]!.trim(), index + 1);
    }
  });
  return root;
}

/** Dotted headers resolve through the last element of arrays of tables, as TOML specifies. */
function walk(root: TomlTable, path: string[]): { parent: TomlTable; key: string } {
  let node = root;
  for (const part of path.slice(0, -1)) {
    let next = node[part];
    if (next === undefined) next = node[part] = {};
    if (Array.isArray(next)) next = next[next.length - 1] as TomlTable;
    if (typeof next !== "object" || next === null) throw new Error(`${part} is not a table`);
    node = next as TomlTable;
  }
  return { parent: node, key: path[path.length - 1]! };
}

function parseValue(value: string, line: number): TomlValue {
  if (value === "true" || value === "false") return value === "true";
  if (/^-?[0-9]+$/.test(value)) return Number(value);
  if (/^"([^"\\]*)"$/.test(value)) return value.slice(1, -1);
  const list = /^\[(.*)\]$/.exec(value);
  if (list) {
    const items = list[1]!
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    return items.map((item) => {
      const parsed = parseValue(item, line);
      if (typeof parsed !== "string") throw new Error(`line ${line}: only string arrays are supported`);
      return parsed;
    });
  }
  throw new Error(`line ${line}: unsupported value ${value}`);
}

function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i += 1) {
    if (line[i] === '"') inString = !inString;
    if (line[i] === "#" && !inString) return line.slice(0, i);
  }
  return line;
}
