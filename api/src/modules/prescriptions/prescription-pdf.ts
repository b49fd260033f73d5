import { loadPdfKit } from '../../shared/pdfkit.js';
import { clean } from '../../shared/pdf-text.js';

/** Everything printed on a prescription; built by the caller, so rendering needs no database. */
export interface PrescriptionDocument {
  prescriptionId: string;
  issuedAt: Date;
  status: 'ACTIVE' | 'COMPLETED' | 'DISCONTINUED';
  clinicName: string;
  patient: { firstName: string; lastName: string; dateOfBirth: string /* YYYY-MM-DD */ };
  doctor: {
    firstName: string;
    lastName: string;
    specialization: string;
    licenseNumber: string;
    timezone: string /* IANA */;
  };
  items: {
    medication: string;
    dosage: string;
    frequency: string;
    durationDays: number;
    instructions?: string | null;
  }[];
  notes?: string | null;
}

export interface RenderPrescriptionPdfOptions {
  /** Compress content streams (default true); tests turn it off to read the PDF. */
  compress?: boolean;
}

type Doc = PDFKit.PDFDocument;
type Align = 'left' | 'center' | 'right';

// A4 in points, with our own margins: the document itself has none, and every text call below
// has a width and a height limit, so pdfkit never flows onto a second page.
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 50;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const RIGHT = PAGE_WIDTH - MARGIN;

const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';
const FONT_ITALIC = 'Helvetica-Oblique';

const COLOR_TEXT = '#1f2933';
const COLOR_MUTED = '#616e7c';
const COLOR_BRAND = '#1d4e89';
const COLOR_RULE = '#cbd2d9';
const COLOR_PANEL = '#f3f5f8';
const COLOR_ALERT = '#b42318';
const COLOR_ALERT_BG = '#fef3f2';

// Vertical anchors of the fixed bottom area.
const FOOTER_RULE_Y = PAGE_HEIGHT - 42;
const SIGNATURE_LINE_Y = PAGE_HEIGHT - 100;
/** Lowest point the medication list and notes may reach; leaves room to sign above the line. */
const BODY_BOTTOM = SIGNATURE_LINE_Y - 44;

/** Table columns: number, medication, dosage, frequency, duration. */
const COLUMNS = (() => {
  const widths = [24, 191, 100, 110, CONTENT_WIDTH - 24 - 191 - 100 - 110];
  let x = MARGIN;
  return widths.map((width) => {
    const column = { x, width: width - 8 };
    x += width;
    return column;
  });
})();

/** Progressively denser layouts for the medication list, tried in order. */
const DENSITIES = [
  { size: 10, instructionSize: 9, padding: 6, gap: 2, lineGap: 1, maxLines: 2, instructionLines: 3 },
  { size: 9, instructionSize: 8.5, padding: 4, gap: 1.5, lineGap: 0.5, maxLines: 2, instructionLines: 2 },
  { size: 8.5, instructionSize: 8, padding: 3, gap: 1, lineGap: 0, maxLines: 2, instructionLines: 1 },
  { size: 8, instructionSize: 7.5, padding: 2.5, gap: 1, lineGap: -0.5, maxLines: 2, instructionLines: 1 },
] as const;
type Density = (typeof DENSITIES)[number];

const NOTES_MAX_LINES = 6;

/**
 * Renders a one-page A4 prescription. The page never grows: long text wraps and is cut with an
 * ellipsis, and a long medication list shrinks, then ends with "+ N more items".
 */
export async function renderPrescriptionPdf(
  document: PrescriptionDocument,
  options: RenderPrescriptionPdfOptions = {},
): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doctorName = `Dr ${clean(document.doctor.firstName)} ${clean(document.doctor.lastName)}`.trim();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    compress: options.compress ?? true,
    // No patient data in metadata: it shows up in file browsers and search indexes.
    info: { Title: 'Prescription', Author: doctorName },
  });

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      drawPage(doc, document, doctorName);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

function drawPage(doc: Doc, data: PrescriptionDocument, doctorName: string): void {
  const issued = formatIssueDate(data.issuedAt, data.doctor.timezone);
  const discontinued = data.status === 'DISCONTINUED';

  if (discontinued) {
    drawWatermark(doc);
  }
  doc.rect(0, 0, PAGE_WIDTH, 6).fill(COLOR_BRAND);

  // Header: clinic on the left, title and issue date on the right.
  let y = 36;
  const clinicHeight = textBlock(doc, clean(data.clinicName), MARGIN, y + 4, {
    width: 300,
    font: FONT_BOLD,
    size: 16,
    maxLines: 2,
  });
  const titleHeight = textBlock(doc, 'Prescription', RIGHT - 180, y, {
    width: 180,
    font: FONT,
    size: 22,
    color: COLOR_BRAND,
    align: 'right',
  });
  const issuedHeight = textBlock(doc, `Issued ${issued}`, RIGHT - 180, y + titleHeight + 2, {
    width: 180,
    size: 9,
    color: COLOR_MUTED,
    align: 'right',
  });
  y += Math.max(clinicHeight + 4, titleHeight + 2 + issuedHeight) + 12;
  rule(doc, y, COLOR_BRAND, 1);
  y += 16;

  // Patient and prescriber panel.
  const panelTop = y;
  const padding = 12;
  const columnWidth = CONTENT_WIDTH / 2 - 2 * padding;
  const leftX = MARGIN + padding;
  const rightX = MARGIN + CONTENT_WIDTH / 2 + padding;
  const drawPanel = (): number => {
    let left = panelTop + padding;
    left += label(doc, 'Patient', leftX, left, columnWidth) + 4;
    left += textBlock(doc, `${clean(data.patient.firstName)} ${clean(data.patient.lastName)}`, leftX, left, {
      width: columnWidth,
      font: FONT_BOLD,
      size: 12,
      maxLines: 2,
    });
    left += 3;
    left += textBlock(doc, `Date of birth: ${formatBirthDate(data.patient.dateOfBirth)}`, leftX, left, {
      width: columnWidth,
      size: 9.5,
      color: COLOR_MUTED,
    });

    let right = panelTop + padding;
    right += label(doc, 'Prescriber', rightX, right, columnWidth) + 4;
    right += textBlock(doc, doctorName, rightX, right, { width: columnWidth, font: FONT_BOLD, size: 12, maxLines: 2 });
    right += 3;
    right += textBlock(doc, clean(data.doctor.specialization), rightX, right, {
      width: columnWidth,
      size: 9.5,
      color: COLOR_MUTED,
    });
    right += 1;
    right += textBlock(doc, `License no. ${clean(data.doctor.licenseNumber)}`, rightX, right, {
      width: columnWidth,
      size: 9.5,
      color: COLOR_MUTED,
    });
    return Math.max(left, right) + padding - panelTop;
  };
  // Measure the panel (output discarded) so its background can be painted behind the text.
  const panelHeight = measure(doc, drawPanel);
  doc.roundedRect(MARGIN, panelTop, CONTENT_WIDTH, panelHeight, 4).fill(COLOR_PANEL);
  drawPanel();
  y = panelTop + panelHeight + 14;

  if (discontinued) {
    const bannerHeight = 34;
    doc.roundedRect(MARGIN, y, CONTENT_WIDTH, bannerHeight, 4).fillAndStroke(COLOR_ALERT_BG, COLOR_ALERT);
    textBlock(doc, 'DISCONTINUED', MARGIN + 12, y + 11, { width: 120, font: FONT_BOLD, size: 13, color: COLOR_ALERT });
    textBlock(doc, 'This prescription has been discontinued and must not be dispensed.', MARGIN + 130, y + 13, {
      width: CONTENT_WIDTH - 142,
      size: 9,
      color: COLOR_ALERT,
    });
    y += bannerHeight + 14;
  }

  // Medications.
  y += textBlock(doc, 'Medications', MARGIN, y, {
    width: CONTENT_WIDTH,
    font: FONT_BOLD,
    size: 12,
    color: COLOR_BRAND,
  });
  y += 6;
  const headers = ['#', 'Medication', 'Dosage', 'Frequency', 'Duration'];
  let headerHeight = 0;
  headers.forEach((header, index) => {
    const column = COLUMNS[index];
    if (column) {
      headerHeight = Math.max(headerHeight, label(doc, header, column.x, y, column.width));
    }
  });
  y += headerHeight + 4;
  rule(doc, y, COLOR_MUTED, 0.75);
  y += 2;

  const notes = data.notes ? clean(data.notes, true).trim() : '';
  const notesHeight = notes ? measure(doc, () => drawNotes(doc, notes, 0)) + 12 : 0;
  const layout = fitItems(doc, data.items, BODY_BOTTOM - notesHeight - y);

  layout.rows.forEach((row, index) => {
    const item = data.items[index];
    if (item) {
      drawItem(doc, item, index, y, layout.density);
      y += row;
      rule(doc, y, COLOR_RULE, 0.5);
    }
  });
  if (data.items.length === 0) {
    y += 6;
    y += textBlock(doc, 'No medications listed.', COLUMNS[1]?.x ?? MARGIN, y, {
      width: CONTENT_WIDTH,
      font: FONT_ITALIC,
      size: 9.5,
      color: COLOR_MUTED,
    });
  }
  const hidden = data.items.length - layout.rows.length;
  if (hidden > 0) {
    y += 5;
    y += textBlock(
      doc,
      `+ ${hidden} more item${hidden === 1 ? '' : 's'} — see the online record`,
      COLUMNS[1]?.x ?? MARGIN,
      y,
      { width: CONTENT_WIDTH - 24, font: FONT_ITALIC, size: 9, color: COLOR_MUTED },
    );
  }

  if (notes) {
    drawNotes(doc, notes, y + 12);
  }

  drawSignature(doc, issued, doctorName, data);
  drawFooter(doc, clean(data.prescriptionId));
}

/** Picks the roomiest density at which every item fits; otherwise as many as fit at the densest. */
function fitItems(
  doc: Doc,
  items: PrescriptionDocument['items'],
  available: number,
): { density: Density; rows: number[] } {
  for (const density of DENSITIES) {
    const rows = items.map((item) => measure(doc, () => drawItem(doc, item, 0, 0, density)));
    if (sum(rows) <= available) {
      return { density, rows };
    }
  }
  const density = DENSITIES[DENSITIES.length - 1] ?? DENSITIES[0];
  const moreLine = 20;
  const rows: number[] = [];
  let used = 0;
  for (const item of items) {
    const row = measure(doc, () => drawItem(doc, item, 0, 0, density));
    if (used + row > available - moreLine) {
      break;
    }
    rows.push(row);
    used += row;
  }
  return { density, rows };
}

/** Draws one table row at `top` and returns its height. */
function drawItem(
  doc: Doc,
  item: PrescriptionDocument['items'][number],
  index: number,
  top: number,
  density: Density,
): number {
  const [numberColumn, medicationColumn, dosageColumn, frequencyColumn, durationColumn] = COLUMNS;
  if (!numberColumn || !medicationColumn || !dosageColumn || !frequencyColumn || !durationColumn) {
    return 0;
  }
  const y = top + density.padding;
  const base = { size: density.size, maxLines: density.maxLines, lineGap: density.lineGap };
  const days = Math.max(0, Math.trunc(item.durationDays));
  const left = Math.max(
    textBlock(doc, `${index + 1}.`, numberColumn.x, y, { ...base, width: numberColumn.width, color: COLOR_MUTED }),
    textBlock(doc, clean(item.medication), medicationColumn.x, y, {
      ...base,
      width: medicationColumn.width,
      font: FONT_BOLD,
    }),
    textBlock(doc, clean(item.dosage), dosageColumn.x, y, { ...base, width: dosageColumn.width }),
  );
  const right = Math.max(
    textBlock(doc, clean(item.frequency), frequencyColumn.x, y, { ...base, width: frequencyColumn.width }),
    textBlock(doc, `for ${days} day${days === 1 ? '' : 's'}`, durationColumn.x, y, {
      ...base,
      width: durationColumn.width,
    }),
  );
  let height = Math.max(left, right);
  const instructions = item.instructions ? clean(item.instructions).trim() : '';
  if (instructions) {
    // Instructions sit under the medication; they span the whole row unless the frequency or
    // duration wrapped further down, in which case they stay left of those columns.
    const top = left + density.gap;
    const width = (top < right ? frequencyColumn.x - 8 : RIGHT) - medicationColumn.x;
    const instructionsHeight = textBlock(doc, instructions, medicationColumn.x, y + top, {
      width,
      font: FONT_ITALIC,
      size: density.instructionSize,
      color: COLOR_MUTED,
      maxLines: density.instructionLines,
      lineGap: density.lineGap,
    });
    height = Math.max(height, top + instructionsHeight);
  }
  return height + 2 * density.padding;
}

/** Draws the notes block at `top` and returns its height. */
function drawNotes(doc: Doc, notes: string, top: number): number {
  let y = top;
  y += label(doc, 'Notes', MARGIN, y, CONTENT_WIDTH) + 4;
  y += textBlock(doc, notes, MARGIN, y, { width: CONTENT_WIDTH, size: 9.5, maxLines: NOTES_MAX_LINES });
  return y - top;
}

function drawSignature(doc: Doc, issued: string, doctorName: string, data: PrescriptionDocument): void {
  const width = 210;
  const signatureX = RIGHT - width;

  // Date of issue, on a line to the left.
  textBlock(doc, issued, MARGIN, SIGNATURE_LINE_Y - 16, { width: 160, size: 10 });
  doc
    .moveTo(MARGIN, SIGNATURE_LINE_Y)
    .lineTo(MARGIN + 160, SIGNATURE_LINE_Y)
    .lineWidth(0.75)
    .stroke(COLOR_TEXT);
  textBlock(doc, 'Date', MARGIN, SIGNATURE_LINE_Y + 5, { width: 160, size: 8, color: COLOR_MUTED });

  // Signature line with the prescriber underneath.
  doc.moveTo(signatureX, SIGNATURE_LINE_Y).lineTo(RIGHT, SIGNATURE_LINE_Y).lineWidth(0.75).stroke(COLOR_TEXT);
  let y = SIGNATURE_LINE_Y + 5;
  y += textBlock(doc, 'Signature', signatureX, y, { width, size: 8, color: COLOR_MUTED }) + 3;
  y += textBlock(doc, doctorName, signatureX, y, { width, font: FONT_BOLD, size: 10 });
  textBlock(
    doc,
    `${clean(data.doctor.specialization)} · License no. ${clean(data.doctor.licenseNumber)}`,
    signatureX,
    y,
    {
      width,
      size: 8,
      color: COLOR_MUTED,
    },
  );
}

function drawFooter(doc: Doc, prescriptionId: string): void {
  rule(doc, FOOTER_RULE_Y, COLOR_RULE, 0.5);
  const y = FOOTER_RULE_Y + 8;
  textBlock(doc, `Prescription ID: ${prescriptionId}`, MARGIN, y, {
    width: CONTENT_WIDTH * 0.65,
    size: 7.5,
    color: COLOR_MUTED,
  });
  textBlock(doc, 'Page 1 of 1', RIGHT - 100, y, { width: 100, size: 7.5, color: COLOR_MUTED, align: 'right' });
}

function drawWatermark(doc: Doc): void {
  doc.save();
  doc.rotate(-35, { origin: [PAGE_WIDTH / 2, PAGE_HEIGHT / 2] });
  doc.font(FONT_BOLD).fontSize(84).fillColor(COLOR_ALERT).fillOpacity(0.08);
  const text = 'DISCONTINUED';
  const width = doc.widthOfString(text);
  doc.text(text, PAGE_WIDTH / 2 - width / 2, PAGE_HEIGHT / 2 - 42, { lineBreak: false });
  doc.restore();
  doc.fillOpacity(1);
}

interface TextStyle {
  width: number;
  font?: string;
  size?: number;
  color?: string;
  align?: Align;
  /** Lines shown before the text is cut with an ellipsis (default 1). */
  maxLines?: number;
  /** Extra space between lines, may be slightly negative for dense lists (default 1). */
  lineGap?: number;
}

/** Writes wrapped text, at most `maxLines` lines, and returns the height it took. */
function textBlock(doc: Doc, text: string, x: number, y: number, style: TextStyle): number {
  doc
    .font(style.font ?? FONT)
    .fontSize(style.size ?? 10)
    .fillColor(style.color ?? COLOR_TEXT);
  if (!text) {
    return 0;
  }
  const lineGap = style.lineGap ?? 1;
  const lineHeight = doc.currentLineHeight(true) + lineGap;
  const maxLines = Math.max(1, style.maxLines ?? 1);
  const options = { width: style.width, lineGap, align: style.align ?? 'left' } as const;
  const height = Math.min(doc.heightOfString(text, options), maxLines * lineHeight);
  // pdfkit stops before a line whose glyphs would cross `height`; half a line of slack keeps
  // exactly `maxLines` lines and puts the ellipsis on the last one.
  doc.text(text, x, y, { ...options, height: maxLines * lineHeight + lineHeight / 2, ellipsis: '…' });
  return height;
}

/** A small upper-case caption; returns its height. */
function label(doc: Doc, text: string, x: number, y: number, width: number): number {
  doc.font(FONT_BOLD).fontSize(7.5).fillColor(COLOR_MUTED);
  const height = doc.currentLineHeight(true);
  doc.text(text.toUpperCase(), x, y, { width, characterSpacing: 0.8, lineBreak: false });
  return height;
}

function rule(doc: Doc, y: number, color: string, width: number): void {
  doc.moveTo(MARGIN, y).lineTo(RIGHT, y).lineWidth(width).stroke(color);
}

/**
 * Runs a drawing function with output discarded and returns its result. pdfkit writes content
 * straight into the page, so measurement temporarily swaps the page's write target.
 */
function measure(doc: Doc, draw: () => number): number {
  const page = doc.page as unknown as { write: (chunk: unknown) => void };
  const write = page.write;
  page.write = () => undefined;
  try {
    return draw();
  } finally {
    page.write = write;
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function formatIssueDate(date: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'long' }).format(date);
  } catch {
    // An unknown zone should not make the prescription unprintable.
    return `${new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'long' }).format(date)} (UTC)`;
  }
}

function formatBirthDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) {
    return clean(value);
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) {
    return clean(value);
  }
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'long' }).format(date);
}
