/**
 * Email about what falls due. Over SMTP when SMTP_URL is set; otherwise each message is written
 * as an .eml file to MAIL_DIR (by default the data directory's mail/ folder), or, with no
 * directory (tests, an in-memory database), kept in memory. Every message sent is also kept in
 * `outbox`, so tests can read what was sent.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.ts';

export interface MailMessage {
  to: string;
  subject: string;
  /** The plain-text part and the HTML part, rendered from the email's templates (renderEmail). */
  text: string;
  html: string;
  /** Files sent with the message, such as an iCalendar invitation. */
  attachments?: { filename: string; content: string; contentType: string }[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** The messages sent since the service started, oldest first (the last 500). */
  readonly outbox: readonly MailMessage[];
}

const OUTBOX_SIZE = 500;

export function createMailer(config: Config['mail']): Mailer {
  const outbox: MailMessage[] = [];
  let transport: Transporter;
  let directory: string | null = null;
  if (config.smtpUrl) {
    transport = nodemailer.createTransport(config.smtpUrl);
  } else if (config.directory) {
    directory = config.directory;
    transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  } else {
    transport = nodemailer.createTransport({ jsonTransport: true });
  }
  let sequence = 0;
  return {
    outbox,
    async send(message) {
      const info = (await transport.sendMail({ from: config.from, ...message })) as { message?: unknown };
      if (directory && Buffer.isBuffer(info.message)) {
        await mkdir(directory, { recursive: true });
        sequence += 1;
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${sequence}.eml`;
        await writeFile(path.join(directory, name), info.message);
      }
      outbox.push(message);
      if (outbox.length > OUTBOX_SIZE) outbox.shift();
    },
  };
}
