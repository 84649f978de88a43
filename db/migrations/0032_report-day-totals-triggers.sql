-- report_day_totals is kept by these triggers (see db/schema/reports.ts), as report_contact_totals
-- is (0029): each statement appends, per day its documents are dated, + what its new rows count and
-- - what its old rows counted, never updating a row. The rules are lib/reports/money-rules.ts's;
-- lib/reports/report-totals.test.ts proves the totals equal those rules applied to the documents.

CREATE FUNCTION report_invoice_invoiced(inv xero_invoices) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN report_invoice_is_live(inv) THEN round(inv.total / coalesce(nullif(inv.currency_rate, 0), 1), 2) ELSE 0 END
$$;
--> statement-breakpoint
CREATE FUNCTION report_credit_note_credited(cn xero_credit_notes) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN cn.status IN ('AUTHORISED', 'PAID') THEN round(cn.total / coalesce(nullif(cn.currency_rate, 0), 1), 2) ELSE 0 END
$$;
--> statement-breakpoint
CREATE FUNCTION report_invoice_days_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_day_totals (org_id, day, invoiced)
    SELECT n.org_id, n.date, sum(report_invoice_invoiced(n)) FROM new_rows n
    WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = n.org_id)
    GROUP BY 1, 2 HAVING sum(report_invoice_invoiced(n)) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_day_totals (org_id, day, invoiced)
    SELECT o.org_id, o.date, -sum(report_invoice_invoiced(o)) FROM old_rows o
    WHERE EXISTS (SELECT 1 FROM organizations g WHERE g.id = o.org_id)
    GROUP BY 1, 2 HAVING sum(report_invoice_invoiced(o)) <> 0;
  ELSE
    INSERT INTO report_day_totals (org_id, day, invoiced)
    SELECT org_id, day, sum(amount) FROM (
      SELECT n.org_id, n.date AS day, report_invoice_invoiced(n) AS amount FROM new_rows n
      UNION ALL
      SELECT o.org_id, o.date, -report_invoice_invoiced(o) FROM old_rows o
    ) c
    WHERE EXISTS (SELECT 1 FROM organizations g WHERE g.id = c.org_id)
    GROUP BY 1, 2 HAVING sum(amount) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION report_credit_note_days_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_day_totals (org_id, day, credited)
    SELECT n.org_id, n.date, sum(report_credit_note_credited(n)) FROM new_rows n
    WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = n.org_id)
    GROUP BY 1, 2 HAVING sum(report_credit_note_credited(n)) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_day_totals (org_id, day, credited)
    SELECT o.org_id, o.date, -sum(report_credit_note_credited(o)) FROM old_rows o
    WHERE EXISTS (SELECT 1 FROM organizations g WHERE g.id = o.org_id)
    GROUP BY 1, 2 HAVING sum(report_credit_note_credited(o)) <> 0;
  ELSE
    INSERT INTO report_day_totals (org_id, day, credited)
    SELECT org_id, day, sum(amount) FROM (
      SELECT n.org_id, n.date AS day, report_credit_note_credited(n) AS amount FROM new_rows n
      UNION ALL
      SELECT o.org_id, o.date, -report_credit_note_credited(o) FROM old_rows o
    ) c
    WHERE EXISTS (SELECT 1 FROM organizations g WHERE g.id = c.org_id)
    GROUP BY 1, 2 HAVING sum(amount) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION report_payment_days_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_day_totals (org_id, day, collected)
    SELECT n.org_id, n.date, sum(report_payment_paid(n)) FROM new_rows n
    WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = n.org_id)
    GROUP BY 1, 2 HAVING sum(report_payment_paid(n)) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_day_totals (org_id, day, collected)
    SELECT o.org_id, o.date, -sum(report_payment_paid(o)) FROM old_rows o
    WHERE EXISTS (SELECT 1 FROM organizations g WHERE g.id = o.org_id)
    GROUP BY 1, 2 HAVING sum(report_payment_paid(o)) <> 0;
  ELSE
    INSERT INTO report_day_totals (org_id, day, collected)
    SELECT org_id, day, sum(amount) FROM (
      SELECT n.org_id, n.date AS day, report_payment_paid(n) AS amount FROM new_rows n
      UNION ALL
      SELECT o.org_id, o.date, -report_payment_paid(o) FROM old_rows o
    ) c
    WHERE EXISTS (SELECT 1 FROM organizations g WHERE g.id = c.org_id)
    GROUP BY 1, 2 HAVING sum(amount) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_invoice_days_inserted AFTER INSERT ON xero_invoices REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_invoice_days_changed();
--> statement-breakpoint
CREATE TRIGGER report_invoice_days_updated AFTER UPDATE ON xero_invoices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_invoice_days_changed();
--> statement-breakpoint
CREATE TRIGGER report_invoice_days_deleted AFTER DELETE ON xero_invoices REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_invoice_days_changed();
--> statement-breakpoint
CREATE TRIGGER report_credit_note_days_inserted AFTER INSERT ON xero_credit_notes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_credit_note_days_changed();
--> statement-breakpoint
CREATE TRIGGER report_credit_note_days_updated AFTER UPDATE ON xero_credit_notes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_credit_note_days_changed();
--> statement-breakpoint
CREATE TRIGGER report_credit_note_days_deleted AFTER DELETE ON xero_credit_notes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_credit_note_days_changed();
--> statement-breakpoint
CREATE TRIGGER report_payment_days_inserted AFTER INSERT ON xero_payments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_payment_days_changed();
--> statement-breakpoint
CREATE TRIGGER report_payment_days_updated AFTER UPDATE ON xero_payments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_payment_days_changed();
--> statement-breakpoint
CREATE TRIGGER report_payment_days_deleted AFTER DELETE ON xero_payments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_payment_days_changed();
--> statement-breakpoint
-- The books already mirrored, one row per day.
INSERT INTO report_day_totals (org_id, day, invoiced, credited, collected)
SELECT org_id, day, sum(invoiced), sum(credited), sum(collected) FROM (
  SELECT i.org_id, i.date AS day, report_invoice_invoiced(i) AS invoiced, 0::numeric AS credited, 0::numeric AS collected FROM xero_invoices i
  UNION ALL
  SELECT c.org_id, c.date, 0, report_credit_note_credited(c), 0 FROM xero_credit_notes c
  UNION ALL
  SELECT p.org_id, p.date, 0, 0, report_payment_paid(p) FROM xero_payments p
) d
GROUP BY 1, 2
HAVING sum(invoiced) <> 0 OR sum(credited) <> 0 OR sum(collected) <> 0;
