/**
 * Builds a hostile .docx for the XSS tests (unit and browser): each payload appears as the text of
 * a run, as the address of an external hyperlink, as an internal anchor, as a HYPERLINK field
 * (simple and complex), and inside an HTML-looking run, zipped with fflate.
 */
import { zipDocxPackage } from '../documents/docx-fixture';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** XML 1.0 forbids most control characters; a .docx cannot carry them. */
const xmlSafe = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const run = (text: string) => `<w:r><w:t xml:space="preserve">${esc(xmlSafe(text))}</w:t></w:r>`;

export function makeHostileDocx(payloads: readonly string[], intro = 'Hostile fixture'): Uint8Array {
  const rels: string[] = [];
  const body: string[] = [`<w:p>${run(intro)}</w:p>`];
  payloads.forEach((raw, i) => {
    const p = xmlSafe(raw);
    const rid = `rIdX${i}`;
    rels.push(`<Relationship Id="${rid}" Type="${R}/hyperlink" Target="${esc(p)}" TargetMode="External"/>`);
    body.push(
      `<w:p>${run(`Payload ${i}: `)}${run(p)}</w:p>`,
      `<w:p><w:hyperlink r:id="${rid}">${run(`external link ${i}`)}</w:hyperlink></w:p>`,
      `<w:p><w:hyperlink w:anchor="${esc(p)}">${run(`anchor ${i}`)}</w:hyperlink></w:p>`,
      `<w:p><w:fldSimple w:instr="${esc(` HYPERLINK "${p.replace(/"/g, '')}" `)}">${run(`field ${i}`)}</w:fldSimple></w:p>`,
      `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">${esc(
        ` HYPERLINK "${p.replace(/"/g, '')}" `,
      )}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(
        `complex field ${i}`,
      )}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
      `<w:p>${run('<p>')}<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${esc(p)}</w:t></w:r>${run('</p>')}</w:p>`,
    );
  });
  return zipDocxPackage({
    documentXml: `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body.join('')}</w:body></w:document>`,
    relationships: rels,
  });
}
