/**
 * Xero's `where` filter, the forms integrations use: comparisons (== != > >= < <=) on a field
 * path, joined with AND/OR (or && ||) and parentheses; values are strings, numbers, true/false,
 * null, guid("..."), DateTime(y,m,d); and Field.Contains("x") / StartsWith / EndsWith.
 * Applied to the record as serialised (Xero field names), so what a client filters is what it reads.
 */
type Value = string | number | boolean | null;
type Node =
  | { kind: "cmp"; path: string[]; op: string; value: Value }
  | { kind: "call"; path: string[]; fn: string; value: string }
  | { kind: "and"; left: Node; right: Node }
  | { kind: "or"; left: Node; right: Node };

export class WhereSyntaxError extends Error {}

const TOKEN = /\s*(\(|\)|==|!=|>=|<=|>|<|&&|\|\||,|"(?:[^"\\]|\\.)*"|[A-Za-z_][\w.]*|-?\d+(?:\.\d+)?)/y;

function tokenize(input: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < input.length) {
    if (/^\s*$/.test(input.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(input);
    if (!m) throw new WhereSyntaxError(`Unexpected text in where: ${input.slice(TOKEN.lastIndex, TOKEN.lastIndex + 20)}`);
    tokens.push(m[1]);
  }
  return tokens;
}

export function parseWhere(input: string): (record: Record<string, unknown>) => boolean {
  const tokens = tokenize(input);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expect = (t: string) => {
    if (next() !== t) throw new WhereSyntaxError(`Expected ${t} in where clause`);
  };

  function value(): Value {
    const t = next();
    if (t === undefined) throw new WhereSyntaxError("Missing value in where clause");
    if (t.startsWith('"')) return JSON.parse(t);
    if (/^-?\d/.test(t)) return Number(t);
    const lower = t.toLowerCase();
    if (lower === "true" || lower === "false") return lower === "true";
    if (lower === "null") return null;
    if (lower === "guid") {
      expect("(");
      const v = value();
      expect(")");
      return String(v).toLowerCase();
    }
    if (lower === "datetime") {
      expect("(");
      const parts: number[] = [Number(value())];
      while (peek() === ",") {
        next();
        parts.push(Number(value()));
      }
      expect(")");
      const [y, m = 1, d = 1] = parts;
      return Date.UTC(y, m - 1, d);
    }
    throw new WhereSyntaxError(`Unexpected value ${t} in where clause`);
  }

  function primary(): Node {
    if (peek() === "(") {
      next();
      const n = orExpr();
      expect(")");
      return n;
    }
    const ident = next();
    if (!ident || !/^[A-Za-z_]/.test(ident)) throw new WhereSyntaxError("Expected a field name in where clause");
    const parts = ident.split(".");
    const last = parts[parts.length - 1];
    if (["Contains", "StartsWith", "EndsWith"].includes(last) && peek() === "(") {
      next();
      const v = value();
      expect(")");
      return { kind: "call", path: parts.slice(0, -1), fn: last, value: String(v) };
    }
    const op = next();
    if (!op || !["==", "!=", ">", ">=", "<", "<="].includes(op)) throw new WhereSyntaxError(`Expected a comparison after ${ident}`);
    return { kind: "cmp", path: parts, op, value: value() };
  }

  function andExpr(): Node {
    let left = primary();
    while (peek() && (peek() === "&&" || peek()!.toUpperCase() === "AND")) {
      next();
      left = { kind: "and", left, right: primary() };
    }
    return left;
  }

  function orExpr(): Node {
    let left = andExpr();
    while (peek() && (peek() === "||" || peek()!.toUpperCase() === "OR")) {
      next();
      left = { kind: "or", left, right: andExpr() };
    }
    return left;
  }

  const tree = orExpr();
  if (i < tokens.length) throw new WhereSyntaxError(`Unexpected ${tokens[i]} in where clause`);
  return (record) => evaluate(tree, record);
}

function read(record: Record<string, unknown>, path: string[]): unknown {
  let v: unknown = record;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    const obj = v as Record<string, unknown>;
    const key = Object.keys(obj).find((k) => k.toLowerCase() === p.toLowerCase());
    v = key ? obj[key] : undefined;
  }
  return v;
}

function comparable(v: unknown): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") {
    const ms = /^\/Date\((-?\d+)/.exec(v);
    if (ms) return Number(ms[1]);
    return v.toLowerCase();
  }
  return v as number | boolean;
}

function evaluate(node: Node, record: Record<string, unknown>): boolean {
  if (node.kind === "and") return evaluate(node.left, record) && evaluate(node.right, record);
  if (node.kind === "or") return evaluate(node.left, record) || evaluate(node.right, record);
  return evaluateLeaf(node, record);
}

function evaluateLeaf(node: Extract<Node, { kind: "cmp" | "call" }>, record: Record<string, unknown>): boolean {
  const raw = read(record, node.path);
  if (node.kind === "call") {
    const s = String(raw ?? "").toLowerCase();
    const v = node.value.toLowerCase();
    return node.fn === "Contains" ? s.includes(v) : node.fn === "StartsWith" ? s.startsWith(v) : s.endsWith(v);
  }
  const a = comparable(raw);
  const b = typeof node.value === "string" ? node.value.toLowerCase() : node.value;
  switch (node.op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    default: {
      if (a === null || b === null) return false;
      if (node.op === ">") return a > b;
      if (node.op === ">=") return a >= b;
      if (node.op === "<") return a < b;
      return a <= b;
    }
  }
}
