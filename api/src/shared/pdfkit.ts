import type PDFKitDocument from 'pdfkit';

let loading: Promise<typeof PDFKitDocument> | undefined;

/**
 * pdfkit's document class, imported when the first PDF is drawn rather than when the API starts:
 * pdfkit with fontkit and its standard fonts holds about 7 MB of heap (and their code) for as
 * long as the process runs, and most processes never draw a PDF.
 */
export function loadPdfKit(): Promise<typeof PDFKitDocument> {
  return (loading ??= import('pdfkit').then((module) => module.default));
}
