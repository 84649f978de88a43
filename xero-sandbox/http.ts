import type { IncomingMessage, ServerResponse } from "node:http";

export interface SandboxRequest {
  method: string;
  url: URL;
  path: string;
  headers: IncomingMessage["headers"];
  rawBody: Buffer;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
  form: URLSearchParams;
}

export async function readRequest(req: IncomingMessage, base: string): Promise<SandboxRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks);
  const url = new URL(req.url ?? "/", base);
  const text = rawBody.toString("utf8");
  let json: unknown = undefined;
  const type = String(req.headers["content-type"] ?? "");
  if (text && (type.includes("json") || /^\s*[[{]/.test(text))) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  const form = type.includes("application/x-www-form-urlencoded") ? new URLSearchParams(text) : new URLSearchParams();
  return { method: req.method ?? "GET", url, path: url.pathname, headers: req.headers, rawBody, json, form };
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", ...headers },
  body: JSON.stringify(body),
});

export const text = (status: number, body: string, headers: Record<string, string> = {}): SandboxResponse => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  body,
});

export const html = (status: number, body: string, headers: Record<string, string> = {}): SandboxResponse => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8", ...headers },
  body,
});

export const redirect = (location: string): SandboxResponse => ({ status: 302, headers: { location } });

export function writeResponse(res: ServerResponse, out: SandboxResponse): void {
  res.writeHead(out.status, out.headers ?? {});
  res.end(out.body ?? "");
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
