-- report_contact_totals is kept by these triggers (see db/schema/reports.ts). Each statement that
-- writes xero_invoices or xero_payments appends, per contact it touched, the difference it made:
-- + what its new rows count, - what its old rows counted. Rows are only ever appended, so two
-- writers at once neither wait on nor overwrite each other. The rules are the reports' own
-- (lib/reports/money-rules.ts); lib/reports/report-totals.test.ts proves the totals equal those
-- rules applied to the documents after any sequence of writes.
-- A row of an organisation being deleted is not written (its totals are deleted with it).

-- An invoice's contribution to its contact: the days a PAID sales invoice was paid after its due date.
CREATE FUNCTION report_invoice_late_days(inv xero_invoices) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN inv.type = 'ACCREC' AND inv.status = 'PAID' AND inv.fully_paid_on IS NOT NULL AND inv.due_date IS NOT NULL
    THEN (inv.fully_paid_on - inv.due_date)::bigint ELSE 0 END
$$;
--> statement-breakpoint
CREATE FUNCTION report_invoice_paid_late(inv xero_invoices) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN inv.type = 'ACCREC' AND inv.status = 'PAID' AND inv.fully_paid_on IS NOT NULL AND inv.due_date IS NOT NULL THEN 1 ELSE 0 END
$$;
--> statement-breakpoint
CREATE FUNCTION report_invoice_is_live(inv xero_invoices) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT inv.type = 'ACCREC' AND inv.status IN ('AUTHORISED', 'PAID')
$$;
--> statement-breakpoint
-- A payment's contribution: a counted payment in the base currency, rounded to the cent.
CREATE FUNCTION report_payment_paid(pay xero_payments) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN pay.payment_type = 'ACCRECPAYMENT' AND pay.status = 'AUTHORISED'
    THEN round(pay.amount / coalesce(nullif(pay.currency_rate, 0), 1), 2) ELSE 0 END
$$;
--> statement-breakpoint
-- One function for the three events of xero_invoices: the rows it pairs are (old, new) by the key,
-- either side missing for an insert or a delete. A new live state whose contact had it no earlier
-- is a first-date candidate; an old live state that ends (not live, another contact, a later date,
-- gone) asks for the first date to be read again.
CREATE FUNCTION report_invoices_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_contact_totals (org_id, xero_contact_id, paid_late_days, paid_late_invoices, first_live_date)
    SELECT n.org_id, n.xero_contact_id, sum(report_invoice_late_days(n)), sum(report_invoice_paid_late(n)), min(n.date) FILTER (WHERE report_invoice_is_live(n))
    FROM new_rows n WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = n.org_id)
    GROUP BY 1, 2
    HAVING sum(report_invoice_paid_late(n)) <> 0 OR bool_or(report_invoice_is_live(n));
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_contact_totals (org_id, xero_contact_id, paid_late_days, paid_late_invoices, recheck_first)
    SELECT o.org_id, o.xero_contact_id, -sum(report_invoice_late_days(o)), -sum(report_invoice_paid_late(o)), bool_or(report_invoice_is_live(o))
    FROM old_rows o WHERE EXISTS (SELECT 1 FROM organizations g WHERE g.id = o.org_id)
    GROUP BY 1, 2
    HAVING sum(report_invoice_paid_late(o)) <> 0 OR bool_or(report_invoice_is_live(o));
  ELSE
    -- Run through EXECUTE so it is planned for this statement's row counts: a plan cached from a
    -- one-row update would pair old and new rows by a nested loop, quadratic on a large update.
    EXECUTE $q$
    INSERT INTO report_contact_totals (org_id, xero_contact_id, paid_late_days, paid_late_invoices, first_live_date, recheck_first)
    SELECT org_id, xero_contact_id, sum(late_days), sum(paid_late), min(candidate), bool_or(recheck)
    FROM (
      SELECT n.org_id, n.xero_contact_id, report_invoice_late_days(n) AS late_days, report_invoice_paid_late(n) AS paid_late,
        CASE WHEN report_invoice_is_live(n) AND NOT coalesce(report_invoice_is_live(o) AND o.xero_contact_id = n.xero_contact_id AND o.date <= n.date, false) THEN n.date END AS candidate,
        false AS recheck
      FROM new_rows n LEFT JOIN old_rows o ON o.org_id = n.org_id AND o.xero_invoice_id = n.xero_invoice_id
      UNION ALL
      SELECT o.org_id, o.xero_contact_id, -report_invoice_late_days(o), -report_invoice_paid_late(o), NULL,
        report_invoice_is_live(o) AND NOT coalesce(report_invoice_is_live(n) AND n.xero_contact_id = o.xero_contact_id AND n.date <= o.date, false)
      FROM old_rows o LEFT JOIN new_rows n ON n.org_id = o.org_id AND n.xero_invoice_id = o.xero_invoice_id
    ) c
    WHERE EXISTS (SELECT 1 FROM organizations g WHERE g.id = c.org_id)
    GROUP BY 1, 2
    HAVING sum(late_days) <> 0 OR sum(paid_late) <> 0 OR min(candidate) IS NOT NULL OR bool_or(recheck)
    $q$;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION report_payments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_contact_totals (org_id, xero_contact_id, paid)
    SELECT n.org_id, coalesce(n.xero_contact_id, '(no contact)'), sum(report_payment_paid(n)) FROM new_rows n
    WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = n.org_id)
    GROUP BY 1, 2 HAVING sum(report_payment_paid(n)) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_contact_totals (org_id, xero_contact_id, paid)
    SELECT o.org_id, coalesce(o.xero_contact_id, '(no contact)'), -sum(report_payment_paid(o)) FROM old_rows o
    WHERE EXISTS (SELECT 1 FROM organizations g WHERE g.id = o.org_id)
    GROUP BY 1, 2 HAVING sum(report_payment_paid(o)) <> 0;
  ELSE
    INSERT INTO report_contact_totals (org_id, xero_contact_id, paid)
    SELECT org_id, contact, sum(paid) FROM (
      SELECT n.org_id, coalesce(n.xero_contact_id, '(no contact)') AS contact, report_payment_paid(n) AS paid FROM new_rows n
      UNION ALL
      SELECT o.org_id, coalesce(o.xero_contact_id, '(no contact)'), -report_payment_paid(o) FROM old_rows o
    ) c
    WHERE EXISTS (SELECT 1 FROM organizations g WHERE g.id = c.org_id)
    GROUP BY 1, 2 HAVING sum(paid) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_invoices_inserted AFTER INSERT ON xero_invoices REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_invoices_changed();
--> statement-breakpoint
CREATE TRIGGER report_invoices_updated AFTER UPDATE ON xero_invoices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_invoices_changed();
--> statement-breakpoint
CREATE TRIGGER report_invoices_deleted AFTER DELETE ON xero_invoices REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_invoices_changed();
--> statement-breakpoint
CREATE TRIGGER report_payments_inserted AFTER INSERT ON xero_payments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_payments_changed();
--> statement-breakpoint
CREATE TRIGGER report_payments_updated AFTER UPDATE ON xero_payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_payments_changed();
--> statement-breakpoint
CREATE TRIGGER report_payments_deleted AFTER DELETE ON xero_payments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_payments_changed();
--> statement-breakpoint
-- The books already mirrored, one row per contact.
INSERT INTO report_contact_totals (org_id, xero_contact_id, paid, paid_late_days, paid_late_invoices, first_live_date)
SELECT org_id, xero_contact_id, sum(paid), sum(late_days), sum(paid_late), min(live_date) FROM (
  SELECT i.org_id, i.xero_contact_id, 0::numeric AS paid, report_invoice_late_days(i) AS late_days, report_invoice_paid_late(i) AS paid_late,
    CASE WHEN report_invoice_is_live(i) THEN i.date END AS live_date
  FROM xero_invoices i
  UNION ALL
  SELECT p.org_id, coalesce(p.xero_contact_id, '(no contact)'), report_payment_paid(p), 0, 0, NULL FROM xero_payments p
) c
GROUP BY 1, 2
HAVING sum(paid) <> 0 OR sum(paid_late) <> 0 OR min(live_date) IS NOT NULL;
