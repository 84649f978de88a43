import { z } from "zod";

/** A form field that carries JSON (the line editor's rows), parsed before the inner schema runs. */
export const jsonField = <T extends z.ZodType>(inner: T, label: string) =>
  z.preprocess((v) => {
    if (typeof v !== "string") return v;
    try {
      return JSON.parse(v);
    } catch {
      return Symbol.for(`${label} is not valid JSON`);
    }
  }, inner);
