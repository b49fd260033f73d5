import { loadPdfKit } from '../../shared/pdfkit.js';
import { clean } from '../../shared/pdf-text.js';

/** Everything printed on an invoice or a receipt; built by the caller, so rendering needs no database. */
export interface BillingDocument {
  kind: 'INVOICE' | 'RECEIPT';
  number: string;
  status: string;
  hospital: { name: string; address: string | null; timezone: string };
  patient: { firstName: string; lastName: string; address: string | null };
  issuedAt: Date | null;
  dueDate: string | null;
  currency: string;
  lines: { description: string; quantity: number; unitPrice: string; total: string }[];
  total: string;
  paid: string;
  balance: string;
  payments: { paidAt: Date; method: string; reference: string | null; amount: string }[];
  /** The receipt's own payment. */
  receipt?: { id: string; paidAt: Date; method: string; reference: string | null; amount: string };
}

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 50;
const RIGHT = PAGE_WIDTH - MARGIN;
const CONTENT_WIDTH = RIGHT - MARGIN;
const BOTTOM = PAGE_HEIGHT - 70;
const BRAND = '#1d4e89';
const MUTED = '#616e7c';
const TEXT = '#1f2933';
const RULE = '#cbd2d9';

type Doc = PDFKit.PDFDocument;

function day(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'long' }).format(date);
}

/** A4 invoice or receipt; long line lists flow onto further pages with the table header repeated. */
export async function renderBillingPdf(data: BillingDocument, options: { compress?: boolean } = {}): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const title = data.kind === 'INVOICE' ? 'Invoice' : 'Receipt';
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    compress: options.compress ?? true,
    // No patient data in metadata: it shows up in file browsers and search indexes.
    info: { Title: title, Author: clean(data.hospital.name) },
  });
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc, data, title);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

function text(
  doc: Doc,
  value: string,
  x: number,
  y: number,
  width: number,
  style: { size?: number; bold?: boolean; color?: string; align?: 'left' | 'right' } = {},
): number {
  doc
    .font(style.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(style.size ?? 10)
    .fillColor(style.color ?? TEXT);
  const options = { width, align: style.align ?? 'left', lineGap: 1 } as const;
  const height = doc.heightOfString(clean(value), options);
  doc.text(clean(value), x, y, options);
  return height;
}

function rule(doc: Doc, y: number): void {
  doc.moveTo(MARGIN, y).lineTo(RIGHT, y).lineWidth(0.5).stroke(RULE);
}

function money(amount: string, currency: string): string {
  return `${amount} ${currency}`;
}

function draw(doc: Doc, data: BillingDocument, title: string): void {
  const zone = data.hospital.timezone;
  doc.rect(0, 0, PAGE_WIDTH, 6).fill(BRAND);
  let y = 36;
  const left = text(doc, data.hospital.name, MARGIN, y, 300, { size: 16, bold: true });
  text(doc, title, RIGHT - 200, y, 200, { size: 22, color: BRAND, align: 'right' });
  y += Math.max(left, 26) + 2;
  if (data.hospital.address) {
    y += text(doc, data.hospital.address, MARGIN, y, 300, { size: 9, color: MUTED });
  }
  const facts: [string, string][] = [
    [data.kind === 'INVOICE' ? 'Invoice number' : 'For invoice', data.number],
    ['Status', data.status.replace('_', ' ')],
  ];
  if (data.issuedAt) {
    facts.push(['Issued', day(data.issuedAt, zone)]);
  }
  if (data.dueDate && data.kind === 'INVOICE') {
    facts.push([
      'Due',
      new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'long' }).format(
        new Date(`${data.dueDate}T00:00:00Z`),
      ),
    ]);
  }
  if (data.receipt) {
    facts.push(['Receipt', data.receipt.id], ['Received', day(data.receipt.paidAt, zone)]);
  }
  y = Math.max(y, 90) + 10;
  rule(doc, y);
  y += 10;
  const billedTo = y;
  text(doc, 'BILLED TO', MARGIN, y, 200, { size: 7.5, bold: true, color: MUTED });
  y += 12;
  y += text(doc, `${data.patient.firstName} ${data.patient.lastName}`, MARGIN, y, 250, { size: 11, bold: true });
  if (data.patient.address) {
    y += text(doc, data.patient.address, MARGIN, y, 250, { size: 9, color: MUTED });
  }
  let factsY = billedTo;
  for (const [label, value] of facts) {
    text(doc, label, RIGHT - 250, factsY, 100, { size: 9, color: MUTED });
    factsY += text(doc, value, RIGHT - 150, factsY, 150, { size: 9, align: 'right' }) + 3;
  }
  y = Math.max(y, factsY) + 16;

  if (data.kind === 'RECEIPT' && data.receipt) {
    rule(doc, y);
    y += 14;
    text(doc, 'Amount received', MARGIN, y, 200, { size: 12 });
    text(doc, money(data.receipt.amount, data.currency), RIGHT - 200, y, 200, { size: 16, bold: true, align: 'right' });
    y += 24;
    text(
      doc,
      `Method: ${data.receipt.method}${data.receipt.reference ? ` · Reference ${data.receipt.reference}` : ''}`,
      MARGIN,
      y,
      CONTENT_WIDTH,
      { size: 9, color: MUTED },
    );
    y += 24;
  }

  const columns = [
    { label: 'Description', x: MARGIN, width: 265, align: 'left' as const },
    { label: 'Qty', x: MARGIN + 270, width: 40, align: 'right' as const },
    { label: 'Unit price', x: MARGIN + 315, width: 90, align: 'right' as const },
    { label: 'Amount', x: MARGIN + 410, width: CONTENT_WIDTH - 410, align: 'right' as const },
  ];
  const header = () => {
    doc.rect(MARGIN, y, CONTENT_WIDTH, 18).fill('#f3f5f8');
    for (const column of columns) {
      text(doc, column.label.toUpperCase(), column.x + 2, y + 5, column.width - 4, {
        size: 7.5,
        bold: true,
        color: MUTED,
        align: column.align,
      });
    }
    y += 24;
  };
  header();
  for (const line of data.lines) {
    const values = [
      line.description,
      String(line.quantity),
      money(line.unitPrice, data.currency),
      money(line.total, data.currency),
    ];
    doc.font('Helvetica').fontSize(10);
    const height = doc.heightOfString(clean(line.description), { width: columns[0]!.width - 4 });
    if (y + height > BOTTOM - 120) {
      doc.addPage({ size: 'A4', margin: 0 });
      y = 50;
      header();
    }
    columns.forEach((column, index) =>
      text(doc, values[index]!, column.x + 2, y, column.width - 4, { align: column.align }),
    );
    y += height + 6;
    rule(doc, y - 3);
  }
  y += 6;
  const totals: [string, string, boolean][] = [
    ['Total', money(data.total, data.currency), true],
    ['Paid', money(data.paid, data.currency), false],
    ['Balance due', money(data.balance, data.currency), true],
  ];
  for (const [label, value, bold] of totals) {
    text(doc, label, RIGHT - 250, y, 120, { size: 10, bold });
    text(doc, value, RIGHT - 130, y, 130, { size: 10, bold, align: 'right' });
    y += 16;
  }
  if (data.payments.length && data.kind === 'INVOICE') {
    y += 12;
    text(doc, 'PAYMENTS', MARGIN, y, 200, { size: 7.5, bold: true, color: MUTED });
    y += 12;
    for (const payment of data.payments) {
      if (y > BOTTOM - 20) {
        doc.addPage({ size: 'A4', margin: 0 });
        y = 50;
      }
      text(
        doc,
        `${day(payment.paidAt, zone)} · ${payment.method}${payment.reference ? ` · ${payment.reference}` : ''}`,
        MARGIN,
        y,
        330,
        { size: 9 },
      );
      text(doc, money(payment.amount, data.currency), RIGHT - 130, y, 130, { size: 9, align: 'right' });
      y += 14;
    }
  }
  rule(doc, PAGE_HEIGHT - 42);
  text(doc, `${title} ${data.number} · amounts in ${data.currency}`, MARGIN, PAGE_HEIGHT - 34, CONTENT_WIDTH, {
    size: 7.5,
    color: MUTED,
  });
}
