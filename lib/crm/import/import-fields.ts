/**
 * The columns each import understands, with the header spellings CRMs export (HubSpot, Pipedrive,
 * Salesforce, spreadsheets), so the mapping is guessed right most of the time.
 */
export interface ImportField {
  key: string;
  label: string;
  aliases: string[];
  required?: boolean;
  /** A money column: blanked in downloads for people who may not see amounts. */
  amount?: boolean;
}

export const IMPORT_FIELDS: Record<"customers" | "deals" | "products", ImportField[]> = {
  customers: [
    { key: "name", label: "Name", aliases: ["name", "company", "company name", "account name", "organization", "organisation", "customer", "full name"], required: true },
    { key: "email", label: "Email", aliases: ["email", "email address", "e-mail", "billing email"] },
    { key: "phone", label: "Phone", aliases: ["phone", "phone number", "telephone", "mobile"] },
    { key: "kind", label: "Kind (company/person)", aliases: ["kind", "type"] },
    { key: "addressLine1", label: "Address line 1", aliases: ["address", "address line 1", "street", "street address", "billing street"] },
    { key: "addressLine2", label: "Address line 2", aliases: ["address line 2", "address 2"] },
    { key: "city", label: "City", aliases: ["city", "town", "billing city"] },
    { key: "region", label: "Region / state", aliases: ["region", "state", "state/region", "province", "county", "billing state"] },
    { key: "postalCode", label: "Postal code", aliases: ["postal code", "postcode", "zip", "zip code", "billing zip"] },
    { key: "country", label: "Country (2 letters)", aliases: ["country", "country code", "billing country"] },
    { key: "leadSource", label: "Lead source", aliases: ["lead source", "source", "original source", "channel"] },
    { key: "paymentTermDays", label: "Payment terms (days)", aliases: ["payment terms", "terms", "payment term days", "net days"] },
    { key: "currency", label: "Currency", aliases: ["currency", "currency code"] },
    { key: "taxNumber", label: "Tax number", aliases: ["tax number", "vat number", "tax id", "ein", "abn"] },
    { key: "tags", label: "Tags", aliases: ["tags", "labels"] },
    { key: "notes", label: "Notes", aliases: ["notes", "description", "comments"] },
    { key: "externalId", label: "External id", aliases: ["id", "external id", "record id", "crm id", "customer id"] },
  ],
  products: [
    { key: "code", label: "Code", aliases: ["code", "sku", "item code", "product code"], required: true },
    { key: "name", label: "Name", aliases: ["name", "product", "product name", "item name"], required: true },
    { key: "description", label: "Description", aliases: ["description"] },
    { key: "unitPrice", label: "Unit price", aliases: ["unit price", "price", "rate", "sale price"], required: true, amount: true },
    { key: "currency", label: "Currency", aliases: ["currency"] },
    { key: "tracksInventory", label: "Track inventory", aliases: ["track inventory", "tracked", "inventory", "is tracked"] },
    { key: "lowStockThreshold", label: "Low-stock threshold", aliases: ["low stock threshold", "reorder level", "reorder point"] },
    { key: "xeroItemCode", label: "Xero item code", aliases: ["xero item code", "xero code"] },
    { key: "salesAccountCode", label: "Sales account code", aliases: ["sales account", "sales account code", "account code"] },
    { key: "taxType", label: "Tax type", aliases: ["tax type", "tax rate", "tax code"] },
  ],
  deals: [
    { key: "externalId", label: "Deal id (groups lines)", aliases: ["deal id", "id", "external id", "record id"] },
    { key: "title", label: "Title", aliases: ["title", "deal", "deal name", "name", "opportunity"], required: true },
    { key: "customer", label: "Customer (external id, email or name)", aliases: ["customer", "company", "account", "customer email", "customer id", "organization"], required: true },
    { key: "stage", label: "Stage", aliases: ["stage", "deal stage", "pipeline stage", "status"] },
    { key: "expectedCloseDate", label: "Expected close date", aliases: ["expected close date", "close date", "expected close"] },
    { key: "currency", label: "Currency", aliases: ["currency"] },
    { key: "productCode", label: "Product code", aliases: ["product code", "sku", "item code", "product"] },
    { key: "lineDescription", label: "Line description", aliases: ["line description", "line item", "description"] },
    { key: "quantity", label: "Quantity", aliases: ["quantity", "qty", "units"] },
    { key: "unitPrice", label: "Unit price", aliases: ["unit price", "price", "rate"], amount: true },
    { key: "discountPercent", label: "Discount %", aliases: ["discount", "discount %", "discount percent"] },
  ],
};

export type ImportType = keyof typeof IMPORT_FIELDS;

const normalise = (h: string) => h.trim().toLowerCase().replace(/[_\-.]+/g, " ").replace(/\s+/g, " ");

/** Each field gets the first header that is one of its spellings; a header is used once. */
export function guessMapping(type: ImportType, headers: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const field of IMPORT_FIELDS[type]) {
    const header = headers.find((h) => !used.has(h) && field.aliases.includes(normalise(h)));
    if (header) {
      mapping[field.key] = header;
      used.add(header);
    }
  }
  return mapping;
}
