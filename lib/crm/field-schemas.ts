import { z } from "zod";
import { parseDay } from "@/lib/bounded-date";
import { decimalPlaces, PERCENT_DECIMALS, PRICE_DECIMALS, QUANTITY_DECIMALS } from "./money";

/**
 * Field rules shared by forms, the tenant API and CSV import. Forms send "" for an empty box:
 * that means "no value" (null), while a key left out of a JSON body means "keep what is there".
 */
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

export const optionalText = (max: number, label: string) =>
  z.preprocess(blankToNull, z.string().trim().max(max, `${label} can be at most ${max} characters.`).nullable()).optional();

export const requiredText = (max: number, label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} can be at most ${max} characters.`);

export const optionalEmail = z
  .preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim().toLowerCase()) : v),
    z.email("Enter a valid email address, like name@company.com.").nullable(),
  )
  .optional();

export const countryCode = z
  .preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim().toUpperCase()) : v),
    z
      .string()
      .regex(/^[A-Z]{2}$/, "Use the two-letter country code, such as US, GB or NZ.")
      .nullable(),
  )
  .optional();

export const currencyCode = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
  z.string().regex(/^[A-Z]{3}$/, "Use the three-letter currency code, such as USD, GBP or EUR."),
);

export const optionalCurrency = z.preprocess(blankToNull, currencyCode.nullable()).optional();

export const optionalUuid = (label: string) => z.preprocess(blankToNull, z.uuid(`${label} is not a valid id.`).nullable()).optional();

/**
 * Numbers from forms and CSV are read as plain decimals only ("1250.50"): "12,50" is not twelve and
 * a half in our locale nor 1250, and "0x1F4" or "1e3" are not what a person typed as a price. Such
 * text stays a string, so the number schema refuses it with the message below.
 */
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const numberFrom = (v: unknown) => {
  if (typeof v !== "string" || v.trim() === "") return v;
  const text = v.trim();
  return PLAIN_DECIMAL.test(text) ? Number(text) : text;
};
const notPlain = (label: string, example: string) => `${label} must be a number written like ${example}: digits, and a dot before decimals (no commas, spaces or currency signs).`;

export const money = (label: string) =>
  z.preprocess(
    numberFrom,
    z
      .number({ error: notPlain(label, "1200 or 99.50") })
      .finite(notPlain(label, "1200 or 99.50"))
      .min(0, `${label} cannot be negative.`)
      .max(999_999_999, `${label} can be at most 999,999,999.`)
      .refine((n) => decimalPlaces(n) <= PRICE_DECIMALS, `${label} can have at most ${PRICE_DECIMALS} decimals.`),
  );

export const positiveQuantity = z.preprocess(
  numberFrom,
  z
    .number({ error: notPlain("Quantity", "1 or 2.5") })
    .finite(notPlain("Quantity", "1 or 2.5"))
    .gt(0, "Quantity must be more than 0.")
    .max(1_000_000, "Quantity can be at most 1,000,000.")
    .refine((n) => decimalPlaces(n) <= QUANTITY_DECIMALS, `Quantity can have at most ${QUANTITY_DECIMALS} decimals (as in Xero).`),
);

export const percent = z.preprocess(
  (v) => (v === "" || v === null || v === undefined ? 0 : numberFrom(v)),
  z
    .number({ error: "Discount must be a percentage between 0 and 100, like 10 or 12.5." })
    .finite("Discount must be a percentage between 0 and 100, like 10 or 12.5.")
    .min(0, "Discount cannot be negative.")
    .max(100, "Discount cannot be more than 100%.")
    .refine((n) => decimalPlaces(n) <= PERCENT_DECIMALS, `Discount can have at most ${PERCENT_DECIMALS} decimals.`),
);

export const optionalInt = (label: string, min: number, max: number) =>
  z
    .preprocess(
      (v) => (v === "" || v === null ? null : numberFrom(v)),
      z
        .number({ error: `${label} must be a whole number.` })
        .int(`${label} must be a whole number.`)
        .min(min, `${label} must be at least ${min}.`)
        .max(max, `${label} can be at most ${max}.`)
        .nullable(),
    )
    .optional();

export const isoDate = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date like 2026-12-31.`)
    .refine((v) => parseDay(v) !== null || v < "1900" || v > "9999", `${label} is not a real date.`)
    .refine((v) => v >= "1900-01-01" && v <= "2999-12-31", `${label} must be between 1900 and 2999.`);

export const optionalDate = (label: string) => z.preprocess(blankToNull, isoDate(label).nullable()).optional();

/** Checkbox ("on"), JSON true/false, or CSV yes/no/true/false/1/0. */
export const flag = z.preprocess((v) => {
  if (typeof v === "boolean") return v;
  if (v === undefined || v === null || v === "") return false;
  const s = String(v).trim().toLowerCase();
  if (["on", "true", "yes", "y", "1"].includes(s)) return true;
  if (["off", "false", "no", "n", "0"].includes(s)) return false;
  return v;
}, z.boolean({ error: "Use yes or no." }));

/** A list from JSON, or comma-separated text from a form or CSV. */
export const tagList = z
  .preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(/[,;]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(z.string().trim().min(1).max(40, "A tag can be at most 40 characters.")).max(20, "At most 20 tags."),
  )
  .optional();
