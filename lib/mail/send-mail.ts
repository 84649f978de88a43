import nodemailer from "nodemailer";
import type { Db } from "@/db";
import { devMailbox } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log/logger";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * SMTP when SMTP_URL is set (production); otherwise the dev mailbox table, readable at
 * /dev/mailbox, so invitations work on a fresh machine with nothing configured.
 */
export async function sendMail(db: Db, mail: Mail): Promise<void> {
  const { mail: config } = getEnv();
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    await transport.sendMail({ from: config.from, ...mail });
    getLogger().info({ to: mail.to, subject: mail.subject }, "mail sent");
    return;
  }
  await db.insert(devMailbox).values(mail);
  getLogger().info({ to: mail.to, subject: mail.subject }, "mail written to the dev mailbox");
}
