/** Times on the admin pages: UTC, as the API answers them, so a screen and a bundle agree. */
export const utc = (d: Date | string | null | undefined) => (d ? `${new Date(d).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" })} UTC` : "never");
