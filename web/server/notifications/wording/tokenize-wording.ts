/** A wording split into literal text and `{{variable}}` references, or the first syntax problem. */
export type WordingToken =
  | { kind: "text"; text: string }
  | { kind: "var"; name: string; index: number; length: number };

export interface SyntaxProblem {
  index: number;
  length: number;
  detail: "unclosed" | "stray_brace" | "bad_name";
}

const NAME = /^[a-z][a-z0-9_]*$/;

export function tokenizeWording(text: string): { tokens: WordingToken[]; problems: SyntaxProblem[] } {
  const tokens: WordingToken[] = [];
  const problems: SyntaxProblem[] = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("{{", i)) {
      const close = text.indexOf("}}", i + 2);
      const nextOpen = text.indexOf("{{", i + 2);
      if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
        problems.push({ index: i, length: 2, detail: "unclosed" });
        i += 2;
        continue;
      }
      const inner = text.slice(i + 2, close);
      const name = inner.trim();
      if (!NAME.test(name)) problems.push({ index: i, length: close + 2 - i, detail: "bad_name" });
      else {
        if (literal) tokens.push({ kind: "text", text: literal });
        literal = "";
        tokens.push({ kind: "var", name, index: i, length: close + 2 - i });
      }
      i = close + 2;
      continue;
    }
    const ch = text.charAt(i);
    // A single brace is refused so a wording never holds half a variable that a later pass could complete.
    if (ch === "{" || ch === "}") {
      problems.push({ index: i, length: 1, detail: "stray_brace" });
      i += 1;
      continue;
    }
    literal += ch;
    i += 1;
  }
  if (literal) tokens.push({ kind: "text", text: literal });
  return { tokens, problems };
}
