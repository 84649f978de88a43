export * from "./auth";
export * from "./tenancy";
export * from "./messaging";
export * from "./xero";
export * from "./crm";
export * from "./sync";
export * from "./imports";
