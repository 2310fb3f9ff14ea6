/**
 * Builds small PDFs for tests (unit, API and end-to-end) with pdf-lib: pages of text lines set
 * where a test wants them (paragraphs given line by line, so a test controls line ends and
 * hyphens), optionally in two columns, with a running header, a running footer and page numbers.
 * A page with no lines and `scan: true` holds only a drawn rectangle: a PDF without a text layer.
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

export const PAGE_WIDTH = 612;
export const PAGE_HEIGHT = 792;

/** A paragraph, line by line (each string is one line as set on the page). */
export type PdfParagraph = string[];

export interface PdfPageSpec {
  /** A title across the page, above the text (set larger). */
  title?: string;
  /** Paragraphs in one column (the page's width). */
  paragraphs?: PdfParagraph[];
  /** Paragraphs in two columns: [left, right]. */
  columns?: [PdfParagraph[], PdfParagraph[]];
  /** A page with no text at all, only a grey rectangle (as a scanned page, without its picture). */
  scan?: boolean;
}

export interface PdfSpec {
  pages: PdfPageSpec[];
  /** Set at the top of every page. */
  header?: string;
  /** Set at the bottom of every page. */
  footer?: string;
  /** The page number at the bottom centre of every page. */
  pageNumbers?: boolean;
}

const SIZE = 11;
const LEADING = 14;
const MARGIN = 72;

export async function makePdf(spec: PdfSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Test document');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  spec.pages.forEach((p, index) => {
    const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    if (p.scan) {
      page.drawRectangle({ x: 50, y: 50, width: 500, height: 690, color: rgb(0.8, 0.8, 0.8) });
      return;
    }
    if (spec.header) page.drawText(spec.header, { x: MARGIN, y: PAGE_HEIGHT - 40, size: 9, font });
    if (spec.footer) page.drawText(spec.footer, { x: MARGIN, y: 30, size: 9, font });
    if (spec.pageNumbers) page.drawText(String(index + 1), { x: PAGE_WIDTH / 2, y: 45, size: 9, font });
    let top = PAGE_HEIGHT - MARGIN - 8;
    if (p.title) {
      page.drawText(p.title, { x: MARGIN, y: top, size: 18, font: bold });
      top -= 36;
    }
    const setColumn = (paragraphs: PdfParagraph[], x: number) => {
      let y = top;
      for (const paragraph of paragraphs) {
        for (const line of paragraph) {
          page.drawText(line, { x, y, size: SIZE, font });
          y -= LEADING;
        }
        y -= LEADING; // a blank line between paragraphs
      }
    };
    if (p.paragraphs) setColumn(p.paragraphs, MARGIN);
    if (p.columns) {
      setColumn(p.columns[0], MARGIN);
      setColumn(p.columns[1], PAGE_WIDTH / 2 + 18);
    }
  });
  return doc.save();
}

/** A PDF of `count` blank pages (to test the page limit). */
export async function makeBlankPdf(count: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < count; i++) doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
  return doc.save();
}

/**
 * The two-page report the tests import: a running header and footer with page numbers (to be
 * dropped), a word hyphenated at a line end (to be joined), and on page 2 the passage the
 * end-to-end test makes a claim on.
 */
export function reportPdf(): Promise<Uint8Array> {
  return makePdf({
    header: 'Harbour Authority — Quarterly incident report',
    footer: 'Confidential: for the review team only',
    pageNumbers: true,
    pages: [
      {
        title: 'Ransomware at the port',
        paragraphs: [
          [
            'The attack began on a Friday night, when the night shift noticed',
            'that the cargo terminal could no longer print its manifests and',
            'that every screen showed the same demand for pay-',
            'ment in bitcoin.',
          ],
          [
            'The operators isolated the network within two hours, but the',
            'berth planning system stayed down for the whole weekend and',
            'several ships waited outside the harbour',
          ],
        ],
      },
      {
        paragraphs: [
          ['until the Monday morning, when the backups were restored.'],
          [
            'According to the port director, the ransom paid was 2.5 million',
            'euros, transferred by the insurer after three days of talks.',
          ],
          ['The police have not confirmed the amount.'],
        ],
      },
    ],
  });
}
