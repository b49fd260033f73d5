import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ParsedPdf {
  numPages: number;
  /** Visible text, one line per text item, whitespace collapsed. */
  text: string;
  info: Record<string, unknown>;
}

/** A PDF's pages, visible text and document information, as a reader sees them (pdf.js). */
export async function parsePdf(pdf: Buffer): Promise<ParsedPdf> {
  const loadingTask = getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 });
  const document = await loadingTask.promise;
  try {
    const lines: string[] = [];
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber++) {
      const page = await document.getPage(pageNumber);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if ('str' in item) {
          lines.push(item.str.replace(/\s+/g, ' '));
        }
      }
    }
    const metadata = await document.getMetadata();
    return { numPages: document.numPages, text: lines.join('\n'), info: metadata.info as Record<string, unknown> };
  } finally {
    await loadingTask.destroy();
  }
}
