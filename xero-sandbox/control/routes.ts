import { escapeHtml, html, json, type SandboxRequest, type SandboxResponse } from "../http";
import type { FaultState } from "../faults";
import type { Sandbox } from "../sandbox";
import type { BankTransactionInput } from "./bank-transactions";
import type { CashCreditInput } from "./cash-credits";
import { ControlError, type SandboxControl } from "./control";
import { controlPage } from "./ui";

type Body = Record<string, unknown>;

/**
 * /__sandbox: the control plane's JSON API (for tests and scripts) and its small UI. Local only;
 * there is no such thing at Xero.
 */
export async function controlRoute(sandbox: Sandbox, control: SandboxControl, req: SandboxRequest): Promise<SandboxResponse> {
  const parts = req.path.replace(/^\/__sandbox\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const body = (req.json ?? Object.fromEntries(req.form)) as Body;
  try {
    if (parts.length === 0) return html(200, controlPage(sandbox, control));
    if (parts[0] === "online-invoice" && parts[1]) return onlineInvoicePage(sandbox, control, parts[1]);
    if (parts[0] !== "api") return json(404, { error: "Unknown control path" });
    const out = await api(control, req.method, parts.slice(1), body);
    // Forms posted from the UI go back to it; API clients get JSON.
    if (String(req.headers["content-type"] ?? "").includes("form")) return { status: 303, headers: { location: "/__sandbox" }, body: "" };
    return json(200, out ?? { ok: true });
  } catch (error) {
    if (error instanceof ControlError) return json(error.status, { error: error.message });
    throw error;
  }
}

const num = (v: unknown, name: string): number => {
  const n = Number(v);
  if (v === undefined || v === "" || !Number.isFinite(n)) throw new ControlError(400, `${name} must be a number`);
  return n;
};

async function api(control: SandboxControl, method: string, p: string[], body: Body): Promise<unknown> {
  const route = `${method} ${p.map((s, i) => (i % 2 === 1 && ["orgs", "contacts", "invoices", "quotes", "apps", "overpayments"].includes(p[i - 1]) ? ":id" : s)).join("/")}`;
  switch (route) {
    case "GET state":
      return { organisations: control.summary() };
    case "GET requests":
      return { requests: control.requests({ pathPrefix: (body.pathPrefix as string) || undefined }) };
    case "POST orgs/:id/contacts":
      return control.addContact(p[1], body);
    case "POST orgs/:id/contacts/:id":
      return control.editContact(p[1], p[3], body as never);
    case "POST orgs/:id/invoices/:id/approve":
      return control.approveInvoice(p[1], p[3]);
    case "POST orgs/:id/quotes/:id/accept":
      return control.answerQuote(p[1], p[3], "ACCEPTED");
    case "POST orgs/:id/quotes/:id/decline":
      return control.answerQuote(p[1], p[3], "DECLINED");
    case "POST orgs/:id/invoices/:id/void":
      return control.voidInvoice(p[1], p[3]);
    case "POST orgs/:id/invoices/:id/viewed":
      return control.markViewed(p[1], p[3]);
    case "POST orgs/:id/invoices/:id/credit":
      return control.creditInvoice(p[1], p[3], { amount: body.amount === undefined || body.amount === "" ? undefined : num(body.amount, "amount"), reason: typeof body.reason === "string" ? body.reason : undefined });
    case "POST orgs/:id/invoices/:id/payment":
      return control.recordPayment(p[1], p[3], { amount: body.amount === undefined || body.amount === "" ? undefined : num(body.amount, "amount"), date: body.date as string, accountCode: body.accountCode as string, reconciled: body.reconciled === true, currencyRate: optionalNum(body.currencyRate, "currencyRate") });
    case "POST orgs/:id/overpayments":
      return control.recordCashCredit(p[1], cashCreditInput(body));
    case "POST orgs/:id/overpayments/:id/allocate":
      return control.allocateCashCredit(p[1], p[3], { invoiceId: String(body.invoiceId ?? ""), amount: optionalNum(body.amount, "amount"), date: body.date as string | undefined });
    case "GET orgs/:id/exchange-rates":
      return control.exchangeRates(p[1]);
    case "POST orgs/:id/exchange-rates":
      return control.setExchangeRate(p[1], String(body.currency ?? ""), String(body.date ?? ""), num(body.rate, "rate"));
    case "POST orgs/:id/bank-transactions":
      return control.recordBankTransaction(p[1], bankTransactionInput(body));
    case "POST orgs/:id/disconnect":
      return { removed: control.disconnectTenant(p[1], body.clientId as string | undefined) };
    case "POST orgs/:id/contact-limit":
      return control.setContactLimit(p[1], body.limit === null ? null : num(body.limit, "limit"));
    case "POST repeating-invoices/run":
      return { created: control.runRepeatingInvoices() };
    case "POST clock/advance":
      return control.advanceClock(num(body.seconds ?? Number(body.days ?? 0) * 86_400, "seconds"));
    case "POST faults":
      return control.setFaults(parseFaults(body));
    case "DELETE faults":
    case "POST faults/clear":
      return control.clearFaults();
    case "POST limits":
      return control.setLimits(body as never);
    case "POST tokens/expire":
      return { expired: control.expireAccessTokens() };
    case "POST apps/:id/revoke":
      return { revoked: control.revokeApp(p[1]) };
    case "POST apps/:id/webhook":
      return control.setWebhook(p[1], (body.url as string) || null, body.key as string | undefined);
    case "POST apps/:id/intent-to-receive":
      return control.intentToReceive(p[1]);
    case "POST apps":
      control.registerApp(body as never);
      return { ok: true };
    case "POST webhooks/flush":
      await control.flushWebhooks();
      return { ok: true };
    case "POST orgs":
      return control.addOrganisation({ name: String(body.name ?? "Sandbox Company"), country: body.country === "GB" ? "GB" : "US", seed: body.seed === "demo" ? "demo" : "empty" });
    case "POST reset":
      control.reset(((body.seed as string) || "demo") as never);
      return { organisations: control.summary() };
  }
  throw new ControlError(404, `Unknown control call: ${method} /__sandbox/api/${p.join("/")}`);
}

const optionalNum = (v: unknown, name: string): number | undefined => (v === undefined || v === "" ? undefined : num(v, name));

/** {contactId, amount, date, kind: "overpayment"|"prepayment", currencyCode, currencyRate, reference, bankAccountCode, invoiceId, allocate}. */
function cashCreditInput(body: Body): CashCreditInput {
  if (body.kind !== "overpayment" && body.kind !== "prepayment") throw new ControlError(400, 'kind must be "overpayment" or "prepayment"');
  if (typeof body.contactId !== "string" || !body.contactId) throw new ControlError(400, "contactId is required");
  return {
    kind: body.kind,
    contactId: body.contactId,
    amount: num(body.amount, "amount"),
    date: typeof body.date === "string" ? body.date : undefined,
    currencyCode: typeof body.currencyCode === "string" ? body.currencyCode : undefined,
    currencyRate: optionalNum(body.currencyRate, "currencyRate"),
    reference: typeof body.reference === "string" ? body.reference : undefined,
    bankAccountCode: typeof body.bankAccountCode === "string" && body.bankAccountCode ? body.bankAccountCode : undefined,
    invoiceId: typeof body.invoiceId === "string" && body.invoiceId ? body.invoiceId : undefined,
    allocate: optionalNum(body.allocate, "allocate"),
  };
}

/** {type: "SPEND"|"RECEIVE", amount, accountCode, bankAccountCode, date, reference, contactId}. */
function bankTransactionInput(body: Body): BankTransactionInput {
  const text = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  return { type: body.type as BankTransactionInput["type"], amount: num(body.amount, "amount"), accountCode: String(body.accountCode ?? ""), bankAccountCode: text(body.bankAccountCode), date: text(body.date), reference: text(body.reference), contactId: text(body.contactId) };
}

/** Fault settings from JSON or a form; only the fields given change. */
function parseFaults(body: Body): Partial<FaultState> {
  const out: Partial<FaultState> = {};
  const count = (v: unknown, name: string) => {
    const n = num(v, name);
    if (n < 0 || !Number.isInteger(n)) throw new ControlError(400, `${name} must be a whole number, 0 or more`);
    return n;
  };
  if (body.outage !== undefined) out.outage = body.outage === true || body.outage === "true";
  if (body.latencyMs !== undefined) out.latencyMs = count(body.latencyMs, "latencyMs");
  if (body.dropAfterWrite !== undefined) out.dropAfterWrite = count(body.dropAfterWrite, "dropAfterWrite");
  if (body.slowAnswerAfterWriteMs !== undefined) out.slowAnswerAfterWriteMs = count(body.slowAnswerAfterWriteMs, "slowAnswerAfterWriteMs");
  if (body.dropTokenAnswer !== undefined) out.dropTokenAnswer = count(body.dropTokenAnswer, "dropTokenAnswer");
  if (body.failNext !== undefined) {
    const f = body.failNext as { count?: unknown; status?: unknown };
    const status = Number(f.status ?? 503);
    if (status !== 500 && status !== 503 && status !== 403) throw new ControlError(400, "failNext.status must be 500, 503 or 403");
    out.failNext = { count: count(f.count, "failNext.count"), status };
  }
  if (body.force429 !== undefined) {
    const f = body.force429 as { count?: unknown; problem?: unknown };
    const problem = String(f.problem ?? "minute");
    if (!["minute", "day", "concurrent"].includes(problem)) throw new ControlError(400, "force429.problem must be minute, day or concurrent");
    out.force429 = { count: count(f.count, "force429.count"), problem: problem as "minute" };
  }
  return out;
}

function onlineInvoicePage(sandbox: Sandbox, control: SandboxControl, invoiceId: string): SandboxResponse {
  for (const org of sandbox.orgs.values()) {
    const inv = org.invoices.get(invoiceId);
    if (!inv) continue;
    control.markViewed(org.tenantId, inv.InvoiceID);
    const contact = org.contacts.get(inv.ContactID);
    return html(200, `<!doctype html><meta charset="utf-8"><title>Invoice ${escapeHtml(inv.InvoiceNumber)}</title><body style="font-family:system-ui;max-width:640px;margin:40px auto">
<h1>${escapeHtml(org.profile.name)}</h1><p>Invoice <strong>${escapeHtml(inv.InvoiceNumber)}</strong> for ${escapeHtml(contact?.Name ?? "")}</p>
<p>Total ${inv.Total.toFixed(2)} ${inv.CurrencyCode} · Amount due <strong>${inv.AmountDue.toFixed(2)} ${inv.CurrencyCode}</strong> · Due ${escapeHtml(inv.DueDate ?? "")}</p><p>Status: ${inv.Status}</p></body>`);
  }
  return html(404, "<p>No such invoice.</p>");
}
