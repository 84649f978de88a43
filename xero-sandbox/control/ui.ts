import { escapeHtml } from "../http";
import type { Sandbox } from "../sandbox";
import type { SandboxControl } from "./control";

/** A plain page to play the accountant: browse, approve, pay, mark viewed, break things. */
export function controlPage(sandbox: Sandbox, control: SandboxControl): string {
  const orgs = [...sandbox.orgs.values()];
  const section = orgs
    .map((org) => {
      const invoices = org.invoices
        .all()
        .slice(-15)
        .reverse()
        .map((inv) => {
          const action = (verb: string, label: string, extra = "") =>
            `<form method="post" action="/__sandbox/api/orgs/${org.tenantId}/invoices/${inv.InvoiceID}/${verb}" style="display:inline">${extra}<button>${label}</button></form>`;
          const actions = [
            inv.Status === "DRAFT" || inv.Status === "SUBMITTED" ? action("approve", "Approve") : "",
            inv.Status === "AUTHORISED" ? action("payment", "Record payment", `<input name="amount" size="7" placeholder="${inv.AmountDue.toFixed(2)}">`) : "",
            inv.Status === "AUTHORISED" && inv.AmountPaid === 0 && inv.AmountCredited === 0 ? action("void", "Void") : "",
            inv.Status !== "DRAFT" ? action("viewed", "Mark viewed") : "",
          ].join(" ");
          return `<tr><td>${escapeHtml(inv.InvoiceNumber)}</td><td>${escapeHtml(org.contacts.get(inv.ContactID)?.Name ?? "")}</td><td>${inv.Status}${inv.ViewedAt ? " · viewed" : ""}</td><td>${inv.Total.toFixed(2)} ${inv.CurrencyCode}</td><td>${inv.AmountDue.toFixed(2)}</td><td>${actions}</td></tr>`;
        })
        .join("");
      const contacts = [...org.contacts.values()]
        .slice(0, 12)
        .map(
          (c) =>
            `<tr><td>${escapeHtml(c.Name)}</td><td>${escapeHtml(c.EmailAddress ?? "")}</td><td><form method="post" action="/__sandbox/api/orgs/${org.tenantId}/contacts/${c.ContactID}"><input name="phone" value="${escapeHtml(c.Phones[0]?.PhoneNumber ?? "")}" size="12"><button>Save phone</button></form></td></tr>`,
        )
        .join("");
      return `<section><h2>${escapeHtml(org.profile.name)} <small>${org.tenantId} · ${org.profile.baseCurrency}</small></h2>
        <p>${org.contacts.size} contacts · ${org.invoices.size} invoices · ${org.payments.size} payments · connected apps: ${sandbox.appsConnectedTo(org.tenantId).map((a) => escapeHtml(a.clientId)).join(", ") || "none"}
        <form method="post" action="/__sandbox/api/orgs/${org.tenantId}/disconnect" style="display:inline"><button>Disconnect all apps</button></form></p>
        <h3>Latest invoices</h3><table><tr><th>Number</th><th>Contact</th><th>Status</th><th>Total</th><th>Due</th><th></th></tr>${invoices}</table>
        <h3>Contacts</h3><table>${contacts}</table></section>`;
    })
    .join("");
  const f = sandbox.faults;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Xero sandbox control</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;color:#1f2933}table{border-collapse:collapse;font-size:14px}td,th{border-bottom:1px solid #e4e9ee;padding:4px 8px;text-align:left}section{margin-bottom:32px}small{color:#6b7785;font-weight:normal}button{margin:2px}</style></head>
<body><h1>Xero sandbox control</h1>
<p>Sandbox time: ${new Date(sandbox.clock.now()).toISOString()} · requests logged: ${control.requests().length}</p>
<p><form method="post" action="/__sandbox/api/repeating-invoices/run" style="display:inline"><button>Run due repeating invoices</button></form>
<form method="post" action="/__sandbox/api/clock/advance" style="display:inline"><input name="days" size="3" value="1"> days <button>Advance clock</button></form>
<form method="post" action="/__sandbox/api/tokens/expire" style="display:inline"><button>Expire access tokens</button></form>
<form method="post" action="/__sandbox/api/apps/ledgerbridge-sandbox/revoke" style="display:inline"><button>Revoke Ledgerbridge</button></form>
<form method="post" action="/__sandbox/api/reset" style="display:inline"><button>Reset to demo data</button></form></p>
<p>Faults: fail next ${f.failNext.count} (${f.failNext.status}) · latency ${f.latencyMs} ms · drop after write ${f.dropAfterWrite} · slow answer after write ${f.slowAnswerAfterWriteMs} ms · forced 429 ${f.force429.count} · outage ${f.outage}
<form method="post" action="/__sandbox/api/faults" style="display:inline"><input type="hidden" name="outage" value="true"><button>Start outage</button></form>
<form method="post" action="/__sandbox/api/faults/clear" style="display:inline"><button>Clear faults</button></form></p>
${section}</body></html>`;
}
