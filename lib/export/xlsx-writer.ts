/**
 * A streaming XLSX (Office Open XML spreadsheet) writer for what the exports need, and no more:
 * sheets written one after the other, a row at a time, of strings and numbers (never formulas),
 * a bold header row frozen at the top, an auto-filter over the sheet's range, column widths, and
 * the workbook's author and date. Each part is deflated by Node's zlib (level 1, on libuv's thread
 * pool, not on the event loop) into a zip (./zip-stream) streamed to the output as the rows come,
 * so memory holds a buffer of XML and what zlib holds, whatever the size of the sheet.
 *
 * It replaced exceljs's streaming WorkbookWriter in the exports (lib/export/xlsx.ts): at 100,000
 * claims exceljs spent most of an export building each cell as an object and its XML (see
 * docs/benchmarks.md). The parts and the cells are written as exceljs wrote them (strings as
 * `t="str"` values, numbers as `<v>`), so a file reads back the same; the tests read every file
 * with exceljs's reader.
 */
import type { Writable } from 'node:stream';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { DeflatedData, room, ZipStream } from './zip-stream';

export type XlsxValue = string | number | null;

export interface XlsxSheetOptions {
  /** Each column's width, in characters. */
  widths: readonly number[];
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_TYPE = 'application/vnd.openxmlformats-officedocument';

/** Bytes of XML gathered before they go to the deflater. */
const FLUSH_AT = 1 << 16;
/** The style ids of styles.xml: plain, and the header's bold. */
const HEADER_STYLE = 1;

const SPECIAL = /[&<>"]/;
const SPECIALS = /[&<>"]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text as XML character data (the caller has removed what XML 1.0 cannot carry). */
export function xmlText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ENTITIES[c]!) : text;
}

/** The column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

interface SheetEntry {
  name: string;
  file: string;
  order: number;
}

/** Where a sheet's XML goes: straight into the zip, or deflated into a file placed later. */
interface SheetTarget {
  write(bytes: Buffer): void;
  drained(): Promise<void>;
  end(): Promise<void>;
}

/**
 * A sheet being written: rows are turned into XML and handed to its target in pieces of about
 * FLUSH_AT characters. `addRow` is synchronous; await `drained()` every few hundred rows.
 */
export class XlsxSheet {
  private xml: string;
  private row = 0;
  private readonly columns: string[];
  private ended = false;

  constructor(
    widths: readonly number[],
    private readonly target: SheetTarget,
  ) {
    this.columns = widths.map((_, i) => columnName(i));
    const cols = widths
      .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
      .join('');
    this.xml =
      `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft"/></sheetView></sheetViews>' +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      (cols ? `<cols>${cols}</cols>` : '') +
      '<sheetData>';
  }

  /** Adds a row; an empty cell (null, '') is left out. `header`: in bold. */
  addRow(values: readonly XlsxValue[], { header = false } = {}): void {
    if (this.ended) throw new Error('The sheet has ended.');
    const r = ++this.row;
    const style = header ? ` s="${HEADER_STYLE}"` : '';
    let xml = `<row r="${r}">`;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === null || value === undefined || value === '') continue;
      const ref = `${this.columns[i] ?? columnName(i)}${r}`;
      xml +=
        typeof value === 'number'
          ? `<c r="${ref}"${style}><v>${value}</v></c>`
          : `<c r="${ref}"${style} t="str"><v>${xmlText(value)}</v></c>`;
    }
    this.xml += `${xml}</row>`;
    if (this.xml.length >= FLUSH_AT) this.flush();
  }

  /** Resolves when the sheet's deflater and where it writes have room. */
  drained(): Promise<void> {
    return this.target.drained();
  }

  /** Ends the sheet, with an auto-filter over its rows and columns. */
  async end(): Promise<void> {
    if (this.ended) throw new Error('The sheet has ended.');
    this.ended = true;
    const last = columnName(Math.max(0, this.columns.length - 1));
    this.xml +=
      `</sheetData><autoFilter ref="A1:${last}${Math.max(1, this.row)}"/>` +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
    this.flush();
    await this.target.end();
  }

  private flush(): void {
    this.target.write(Buffer.from(this.xml, 'utf8'));
    this.xml = '';
  }
}

export interface XlsxSheetPlacement {
  /** Where the sheet's tab goes: sheets are listed by this, then in the order they were begun. */
  order?: number;
  /**
   * A file to deflate the sheet into, to be placed in the workbook by `finish()`: such sheets can
   * be written while another one streams (one pass over the claims fills several sheets).
   */
  deferTo?: string;
}

export class XlsxWriter {
  private readonly zip: ZipStream;
  private readonly sheets: SheetEntry[] = [];
  private direct: XlsxSheet | null = null;
  private readonly deferred: {
    file: string;
    path: string;
    data: DeflatedData;
    out: WriteStream;
    done: boolean;
  }[] = [];

  constructor(
    output: Writable,
    private readonly meta: { creator: string; created: Date },
  ) {
    this.zip = new ZipStream(output, meta.created);
  }

  /**
   * Begins a sheet named `name` (as its tab shows it). Written straight into the workbook, one
   * such sheet at a time; or, with `deferTo`, deflated into that file meanwhile.
   */
  sheet(
    name: string,
    { widths }: XlsxSheetOptions,
    { order = 0, deferTo }: XlsxSheetPlacement = {},
  ): XlsxSheet {
    const file = `xl/worksheets/sheet${this.sheets.length + 1}.xml`;
    if (deferTo) {
      const out = createWriteStream(deferTo, { mode: 0o600, highWaterMark: 1 << 20 });
      let failure: Error | null = null;
      out.on('error', (error) => {
        failure ??= error;
      });
      const data = new DeflatedData((chunk) => {
        if (failure) throw failure;
        out.write(chunk);
      });
      const kept = { file, path: deferTo, data, out, done: false };
      this.deferred.push(kept);
      this.sheets.push({ name, file, order });
      return new XlsxSheet(widths, {
        write: (bytes) => data.write(bytes),
        drained: async () => {
          await data.drained();
          await room(out);
        },
        end: async () => {
          await data.end();
          out.end();
          await finished(out);
          kept.done = true;
        },
      });
    }
    if (this.direct) throw new Error('The previous sheet was not ended.');
    const entry = this.zip.entry(file);
    this.sheets.push({ name, file, order });
    const sheet = new XlsxSheet(widths, {
      write: (bytes) => entry.write(bytes),
      drained: () => this.zip.drained(),
      end: async () => {
        await entry.end();
        this.direct = null;
      },
    });
    this.direct = sheet;
    return sheet;
  }

  /**
   * Gives up the workbook (the export failed or its download was cancelled): the files of the
   * sheets written aside are closed (the caller removes them) and the deflaters stopped.
   */
  abort(): void {
    for (const d of this.deferred) {
      d.data.deflate.destroy();
      d.out.destroy();
    }
    this.zip.abort();
  }

  /** Writes the workbook's other parts and ends the zip; resolves when the output has it all. */
  async finish(): Promise<void> {
    if (this.direct || this.deferred.some((d) => !d.done)) throw new Error('A sheet was not ended.');
    if (this.sheets.length === 0) throw new Error('A workbook needs a sheet.');
    for (const d of this.deferred) {
      await this.zip.place(d.file, d.data, createReadStream(d.path, { highWaterMark: 1 << 16 }));
    }
    const ordered = [...this.sheets].sort((a, b) => a.order - b.order);
    const parts: [string, string][] = [];
    const part = (file: string, xml: string) => parts.push([file, xml]);
    const sheetTypes = ordered
      .map((s) => `<Override PartName="/${s.file}" ContentType="${DOC_TYPE}.spreadsheetml.worksheet+xml"/>`)
      .join('');
    part(
      '[Content_Types].xml',
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${DOC_TYPE}.spreadsheetml.sheet.main+xml"/>` +
        sheetTypes +
        `<Override PartName="/xl/styles.xml" ContentType="${DOC_TYPE}.spreadsheetml.styles+xml"/>` +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        `<Override PartName="/docProps/app.xml" ContentType="${DOC_TYPE}.extended-properties+xml"/>` +
        '</Types>',
    );
    part(
      '_rels/.rels',
      `<Relationships xmlns="${PACKAGE_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="${PACKAGE_REL_NS}/metadata/core-properties" Target="docProps/core.xml"/>` +
        `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>` +
        '</Relationships>',
    );
    part(
      'xl/workbook.xml',
      `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
        ordered
          .map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 2}"/>`)
          .join('') +
        '</sheets></workbook>',
    );
    part(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="${PACKAGE_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/styles" Target="styles.xml"/>` +
        ordered
          .map(
            (s, i) =>
              `<Relationship Id="rId${i + 2}" Type="${REL_NS}/worksheet" Target="${s.file.slice('xl/'.length)}"/>`,
          )
          .join('') +
        '</Relationships>',
    );
    part(
      'xl/styles.xml',
      `<styleSheet xmlns="${MAIN_NS}">` +
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
        '</styleSheet>',
    );
    const created = `${this.meta.created.toISOString().slice(0, 19)}Z`;
    part(
      'docProps/core.xml',
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>${xmlText(this.meta.creator)}</dc:creator>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified>` +
        '</cp:coreProperties>',
    );
    part(
      'docProps/app.xml',
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
        `<Application>${xmlText(this.meta.creator)}</Application></Properties>`,
    );
    for (const [file, xml] of parts) {
      const entry = this.zip.entry(file);
      entry.write(Buffer.from(XML_HEAD + xml, 'utf8'));
      await entry.end();
    }
    await this.zip.finish();
  }
}
