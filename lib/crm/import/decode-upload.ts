import { AppError } from "@/lib/errors";

const refuse = (message: string) => new AppError("validation", `file: ${message}`, [{ field: "file", message }]);

/**
 * An uploaded CSV's bytes as text, or an error that names the encoding. UTF-8 (with or without a
 * byte-order mark) is read as is; UTF-16 with its byte-order mark (Excel's "Unicode text") is
 * converted; anything else is refused with the fix, instead of importing mojibake or failing later.
 */
export function decodeCsvUpload(bytes: Uint8Array): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  else {
    if (bytes.length > 1 && (bytes[1] === 0 || bytes[0] === 0)) {
      throw refuse("This file looks like UTF-16 without a byte-order mark. Save it as \"CSV UTF-8\" and upload it again.");
    }
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw refuse("This file is not UTF-8 text (it may be Windows-1252 or Latin-1). Save it as \"CSV UTF-8\" (in Excel: Save as -> CSV UTF-8) and upload it again.");
    }
  }
  if (text.includes("\u0000")) throw refuse("This file contains NUL characters, so it is not a text CSV. Save it as \"CSV UTF-8\" and upload it again.");
  return text.replace(/^\uFEFF/, "");
}
