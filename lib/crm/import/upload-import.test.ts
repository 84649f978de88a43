import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { makeCrmOrg } from "../test-actors";
import { decodeCsvUpload } from "./decode-upload";
import { uploadImport } from "./upload-import";

function upload(file: Blob, type = "customers", name = "c.csv") {
  const form = new FormData();
  form.set("type", type);
  form.set("file", new File([file], name, { type: "text/csv" }));
  return new Request("http://localhost/api/o/x/imports", { method: "POST", body: form });
}

describe("CSV upload", () => {
  it("takes a file over 1 MB (the old server-action limit) up to the promised 10 MB", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    const rows = Array.from({ length: 30_000 }, (_, i) => `Customer number ${i},customer-${i}@example.test,GB`);
    const text = ["Name,Email,Country", ...rows].join("\n");
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const job = await uploadImport(db, org.owner, upload(new Blob([text])));
    expect(job).toMatchObject({ totalRows: 30_000, type: "customers" });
  });

  it("refuses a file past 10 MB with a 413 naming the file, and a type that is not ours", async () => {
    const db = getDb();
    const org = await makeCrmOrg(db);
    await expect(uploadImport(db, org.owner, upload(new Blob(["Name\n", "x".repeat(10 * 1024 * 1024 + 10)])))).rejects.toMatchObject({ code: "payload_too_large", fields: [{ field: "file" }] });
    await expect(uploadImport(db, org.owner, upload(new Blob(["Name\nA"]), "__proto__"))).rejects.toMatchObject({ fields: [{ field: "type" }] });
  });

  it("reads UTF-16 with a byte-order mark, and names the encoding it cannot read", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Name,Email\nZoë,z@example.test", "utf16le")]);
    expect(decodeCsvUpload(utf16)).toBe("Name,Email\nZoë,z@example.test");
    expect(() => decodeCsvUpload(Buffer.from("Name,Email\nA", "utf16le"))).toThrow(/UTF-16 without a byte-order mark/);
    expect(() => decodeCsvUpload(Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x5a, 0x6f, 0xeb]))).toThrow(/not UTF-8/);
    expect(() => decodeCsvUpload(Buffer.from("Name\nA\u0000B", "utf8"))).toThrow(/NUL/);
    expect(decodeCsvUpload(Buffer.from("\uFEFFName\nA", "utf8"))).toBe("Name\nA");
  });
});
