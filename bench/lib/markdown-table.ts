export interface MarkdownTable {
  /** Optional bold line above the table. */
  title?: string;
  headers: string[];
  rows: (string | number)[][];
  /** Per column; numbers default to right-aligned, text to left. */
  align?: ("left" | "right")[];
}

function cell(value: string | number): string {
  return String(value).replaceAll("|", "\\|").replaceAll("\n", " ");
}

/** Renders a GitHub-flavoured markdown table, columns padded so the raw file reads well too. */
export function markdownTable(table: MarkdownTable): string {
  const bad = table.rows.findIndex((row) => row.length !== table.headers.length);
  if (bad >= 0)
    throw new Error(`table row ${bad} has ${table.rows[bad]?.length} cells for ${table.headers.length} headers`);
  const rows = table.rows.map((row) => row.map(cell));
  const widths = table.headers.map((header, i) =>
    Math.max(3, header.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const align = table.headers.map(
    (_, i) => table.align?.[i] ?? (table.rows.every((row) => typeof row[i] === "number") ? "right" : "left"),
  );
  const pad = (text: string, i: number) =>
    align[i] === "right" ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0);
  const line = (cells: string[]) => `| ${cells.map(pad).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (align[i] === "right" ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`;
  const body = [line(table.headers.map(cell)), rule, ...rows.map(line)].join("\n");
  return table.title ? `**${table.title}**\n\n${body}` : body;
}
