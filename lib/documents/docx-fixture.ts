/**
 * Builds small, valid .docx files for tests (unit and end-to-end): headings, paragraphs with
 * bold and italic runs, a bulleted list and a table, zipped with fflate.
 */
import { strToU8, zipSync } from 'fflate';

export type DocxBlock =
  | { heading: string; level?: 1 | 2 }
  | { paragraph: (string | { text: string; bold?: boolean; italic?: boolean })[] }
  | { bullet: string }
  | { table: string[][] };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function run(r: string | { text: string; bold?: boolean; italic?: boolean }): string {
  const { text, bold, italic } = typeof r === 'string' ? { text: r } : r;
  const props = bold || italic ? `<w:rPr>${bold ? '<w:b/>' : ''}${italic ? '<w:i/>' : ''}</w:rPr>` : '';
  return `<w:r>${props}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

function block(b: DocxBlock): string {
  if ('heading' in b)
    return `<w:p><w:pPr><w:pStyle w:val="Heading${b.level ?? 1}"/></w:pPr>${run(b.heading)}</w:p>`;
  if ('paragraph' in b) return `<w:p>${b.paragraph.map(run).join('')}</w:p>`;
  if ('bullet' in b)
    return `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${run(b.bullet)}</w:p>`;
  const rows = b.table.map(
    (cells) => `<w:tr>${cells.map((c) => `<w:tc><w:p>${run(c)}</w:p></w:tc>`).join('')}</w:tr>`,
  );
  return `<w:tbl>${rows.join('')}</w:tbl>`;
}

const NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * The parts every .docx needs around its document: content types, the package relationship, the
 * document's relationships (given as <Relationship/> elements) and, when given, a numbering part.
 */
export function zipDocxPackage({
  documentXml,
  relationships = [],
  numberingXml,
  extraFiles = {},
}: {
  documentXml: string;
  relationships?: string[];
  numberingXml?: string;
  extraFiles?: Record<string, Uint8Array>;
}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        (numberingXml
          ? '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
          : '') +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      `${XML}<Relationships xmlns="${PKG_RELS}">` +
        `<Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="word/document.xml"/>` +
        '</Relationships>',
    ),
    'word/_rels/document.xml.rels': strToU8(
      `${XML}<Relationships xmlns="${PKG_RELS}">${relationships.join('')}</Relationships>`,
    ),
    ...(numberingXml ? { 'word/numbering.xml': strToU8(numberingXml) } : {}),
    'word/document.xml': strToU8(documentXml),
    ...extraFiles,
  };
  return zipSync(files, { level: 6 });
}

export function makeDocx(blocks: DocxBlock[], extraFiles: Record<string, Uint8Array> = {}): Uint8Array {
  return zipDocxPackage({
    documentXml: `${XML}<w:document ${NS}><w:body>${blocks.map(block).join('')}</w:body></w:document>`,
    relationships: [`<Relationship Id="rId2" Type="${DOC_RELS}/numbering" Target="numbering.xml"/>`],
    numberingXml:
      `${XML}<w:numbering ${NS}>` +
      '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>' +
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>',
    extraFiles,
  });
}
