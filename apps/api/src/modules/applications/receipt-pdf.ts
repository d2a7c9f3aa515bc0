// The acceptance receipt (受理回执) as a PDF the applicant can download and print, written by hand
// so the API ships no PDF library and no font file. Text uses the predefined Adobe CJK font
// STSong-Light, which every PDF viewer maps to an installed Chinese font; output depends only on
// the input, so the same receipt always gives the same bytes.
import { createHash } from 'node:crypto';

export interface ReceiptContent {
  title: string;
  caseNumber: string;
  itemName: string;
  agencyName: string;
  applicantName: string;
  idNumberMasked: string;
  /** ISO date-time; also the document's creation date. */
  submittedAt: string;
  dueDate: string | null;
  materials: { name: string; files: number }[];
  notes: string[];
}

// ---------------------------------------------------------------- page geometry (points, A4)

export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
const LEFT = 56.7; // 20 mm
const RIGHT = PAGE_WIDTH - 56.7;
const TOP = PAGE_HEIGHT - 64;
const BOTTOM = 80; // room for the footer
const LABEL_WIDTH = 96;
const BODY = 11;
const LEADING = 16;
const HEADING = 13;
const TITLE = 20;

/** Characters UCS-2 cannot hold (outside the BMP) and control characters print as a white square. */
const MISSING_GLYPH = '□';

type Op =
  | { kind: 'text'; x: number; y: number; size: number; text: string; bold: boolean }
  | { kind: 'rule'; x1: number; x2: number; y: number };

// ---------------------------------------------------------------- text measure and line breaking

export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters have no glyph
  return text.replace(/[\u{10000}-\u{10FFFF}]|[\uD800-\uDFFF]/gu, MISSING_GLYPH).replace(/[\u0000-\u001F\u007F]/g, ' ');
}

/** Width in em: ASCII uses the proportional Roman glyphs (CIDs 1–95, given 500 in /W), the rest are full width. */
export function emWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char >= ' ' && char <= '~' ? 0.5 : 1;
  return width;
}

/** Breaks a paragraph into lines no wider than `width` points; Chinese breaks anywhere, Latin words stay whole where they fit. */
function wrap(paragraph: string, size: number, width: number): string[] {
  const maxEm = width / size;
  const tokens = printable(paragraph).match(/[!-~]+| +|[^ ]/g) ?? [];
  const lines: string[] = [];
  let line = '';
  const push = (): void => {
    lines.push(line.trimEnd());
    line = '';
  };
  for (const token of tokens) {
    if (line === '' && token.startsWith(' ')) continue;
    if (emWidth(line + token) <= maxEm) {
      line += token;
      continue;
    }
    if (token.startsWith(' ')) {
      push();
      continue;
    }
    if (line !== '' && emWidth(token) <= maxEm) push();
    for (const char of token) {
      if (emWidth(line + char) > maxEm && line !== '') push();
      line += char;
    }
  }
  if (line.trim() !== '' || lines.length === 0) push();
  return lines;
}

export function wrapText(text: string, size: number, width: number): string[] {
  return text.split(/\r?\n/).flatMap((paragraph) => wrap(paragraph, size, width));
}

// ---------------------------------------------------------------- layout

class PageFlow {
  readonly pages: Op[][] = [[]];
  private y = TOP;

  private get page(): Op[] {
    const page = this.pages[this.pages.length - 1];
    if (page === undefined) throw new Error('a page flow always has a page');
    return page;
  }

  /** Starts a new page unless `height` more points fit above the footer. */
  ensure(height: number): void {
    if (this.y - height >= BOTTOM) return;
    this.pages.push([]);
    this.y = TOP;
  }

  space(height: number): void {
    this.y -= height;
  }

  text(x: number, text: string, size: number, bold = false): void {
    this.page.push({ kind: 'text', x, y: this.y, size, text, bold });
  }

  rule(): void {
    this.page.push({ kind: 'rule', x1: LEFT, x2: RIGHT, y: this.y });
  }

  /** Lines of text at `x`, moving down and across pages as needed. */
  lines(x: number, lines: string[], size: number, leading: number): void {
    for (const line of lines) {
      this.ensure(leading);
      this.space(leading);
      this.text(x, line, size);
    }
  }

  centred(text: string, size: number, bold: boolean): void {
    for (const line of wrapText(text, size, RIGHT - LEFT)) {
      this.ensure(size * 1.5);
      this.space(size * 1.5);
      this.text((PAGE_WIDTH - emWidth(line) * size) / 2, line, size, bold);
    }
  }

  /** One label/value row of the table, ruled below. */
  row(label: string, value: string): void {
    const labelLines = wrapText(label, BODY, LABEL_WIDTH - 8);
    const valueLines = wrapText(value, BODY, RIGHT - LEFT - LABEL_WIDTH);
    const count = Math.max(labelLines.length, valueLines.length);
    this.ensure(LEADING * Math.min(count, 3) + 8);
    for (let i = 0; i < count; i += 1) {
      this.ensure(LEADING);
      this.space(i === 0 ? LEADING - 1 : LEADING);
      const labelLine = labelLines[i];
      const valueLine = valueLines[i];
      if (labelLine !== undefined) this.text(LEFT, labelLine, BODY);
      if (valueLine !== undefined) this.text(LEFT + LABEL_WIDTH, valueLine, BODY);
    }
    this.space(7);
    this.rule();
  }

  heading(text: string): void {
    this.ensure(HEADING * 2 + LEADING * 2);
    this.space(HEADING * 2);
    this.text(LEFT, printable(text), HEADING, true);
    this.space(4);
  }

  /** A numbered or bulleted item with a hanging indent of `indent` points. */
  item(marker: string, text: string, indent: number): void {
    const lines = wrapText(text, BODY, RIGHT - LEFT - indent);
    this.ensure(LEADING);
    this.space(LEADING);
    this.text(LEFT, marker, BODY);
    this.text(LEFT + indent, lines[0] ?? '', BODY);
    this.lines(LEFT + indent, lines.slice(1), BODY, LEADING);
  }
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The instant in Beijing time (UTC+8, no daylight saving), or null when the string is not a date-time. */
export function beijingTime(iso: string): { date: string; time: string; compact: string } | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const local = new Date(ms + BEIJING_OFFSET_MS).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16), compact: local.slice(0, 19).replace(/[-T:]/g, '') };
}

function layout(receipt: ReceiptContent): Op[][] {
  const flow = new PageFlow();
  flow.centred(receipt.title, TITLE, true);
  flow.centred(receipt.agencyName, BODY + 1, false);
  flow.space(14);
  flow.rule();

  const submitted = beijingTime(receipt.submittedAt);
  flow.row('受理编号', receipt.caseNumber);
  flow.row('事项名称', receipt.itemName);
  flow.row('受理部门', receipt.agencyName);
  flow.row('申请人', receipt.applicantName);
  flow.row('证件号码', receipt.idNumberMasked);
  flow.row('提交时间', submitted ? `${submitted.date} ${submitted.time}（北京时间）` : receipt.submittedAt);
  flow.row('承诺办结日期', receipt.dueDate ?? '以办理进度通知为准');

  flow.heading('申请材料');
  const numberIndent = Math.max(emWidth(`${receipt.materials.length}.`) * BODY + 6, 18);
  if (receipt.materials.length === 0) flow.item('', '（无）', 0);
  receipt.materials.forEach((material, index) => {
    flow.item(`${index + 1}.`, `${material.name}（${material.files} 个文件）`, numberIndent);
  });

  if (receipt.notes.length > 0) {
    flow.heading('注意事项');
    for (const note of receipt.notes) flow.item('·', note, 18);
  }

  const pages = flow.pages;
  const footerText = (index: number): string => `受理编号 ${receipt.caseNumber}\u3000第 ${index + 1} 页，共 ${pages.length} 页`;
  pages.forEach((page, index) => {
    const footer = printable(footerText(index));
    page.push({ kind: 'rule', x1: LEFT, x2: RIGHT, y: 56 });
    page.push({ kind: 'text', x: (PAGE_WIDTH - emWidth(footer) * 9) / 2, y: 42, size: 9, text: footer, bold: false });
  });
  return pages;
}

// ---------------------------------------------------------------- PDF serialisation

/** A PDF number: at most two decimals, no exponent, no trailing zeros. */
export function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** UCS-2BE, as the UniGB-UCS2-H CMap reads it: one two-byte code per character. */
export function ucs2Hex(text: string): string {
  let hex = '';
  for (const char of printable(text)) hex += (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** A PDF text string (UTF-16BE with byte order mark) for the document information dictionary. */
export function textString(text: string): string {
  const bytes = Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();
  return `<${bytes.toString('hex').toUpperCase()}>`;
}

function contentStream(ops: Op[]): string {
  const out: string[] = ['0.55 G 0.6 w'];
  for (const op of ops) {
    switch (op.kind) {
      case 'rule':
        out.push(`${num(op.x1)} ${num(op.y)} m ${num(op.x2)} ${num(op.y)} l S`);
        break;
      case 'text':
        if (op.text === '') break;
        // Bold without a bold font: fill and stroke the glyph outlines, in a saved graphics state.
        if (op.bold) out.push(`q 0 G 0.4 w BT /F1 ${num(op.size)} Tf 2 Tr ${num(op.x)} ${num(op.y)} Td ${ucs2Hex(op.text)} Tj ET Q`);
        else out.push(`BT /F1 ${num(op.size)} Tf ${num(op.x)} ${num(op.y)} Td ${ucs2Hex(op.text)} Tj ET`);
        break;
      default:
        assertNever(op);
    }
  }
  return `${out.join('\n')}\n`;
}

function assertNever(value: never): never {
  throw new Error(`unhandled drawing operation ${JSON.stringify(value)}`);
}

/** Renders the acceptance receipt as a PDF 1.7 document, one or more A4 pages. */
export function renderReceiptPdf(receipt: ReceiptContent): Buffer {
  const created = beijingTime(receipt.submittedAt);
  const creationDate = created ? ` /CreationDate (D:${created.compact}+08'00')` : '';
  return serialisePdf(layout(receipt).map(contentStream), `/Title ${textString(`${receipt.title} ${receipt.caseNumber}`)} /Producer (gov-services-platform)${creationDate}`);
}

/**
 * Writes A4 pages (content streams that may use the font /F1, STSong-Light) as a PDF 1.7 document.
 * `info` is the inside of the document information dictionary (keys and values, PDF syntax, ASCII).
 */
export function serialisePdf(pageStreams: readonly string[], info: string): Buffer {
  const CATALOG = 1;
  const PAGES = 2;
  const FONT = 3;
  const CID_FONT = 4;
  const DESCRIPTOR = 5;
  const INFO = 6;
  const firstPage = 7;
  const pageIds = pageStreams.map((_, index) => firstPage + index * 2);

  const objects = new Map<number, string>();
  objects.set(CATALOG, `<< /Type /Catalog /Pages ${PAGES} 0 R >>`);
  objects.set(PAGES, `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageStreams.length} >>`);
  objects.set(FONT, `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${CID_FONT} 0 R] >>`);
  objects.set(CID_FONT, `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor ${DESCRIPTOR} 0 R /DW 1000 /W [1 95 500] >>`);
  objects.set(DESCRIPTOR, '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
  objects.set(INFO, `<< ${info} >>`);
  pageStreams.forEach((stream, index) => {
    const pageId = firstPage + index * 2;
    objects.set(pageId, `<< /Type /Page /Parent ${PAGES} 0 R /MediaBox [0 0 ${num(PAGE_WIDTH)} ${num(PAGE_HEIGHT)}] /Resources << /Font << /F1 ${FONT} 0 R >> >> /Contents ${pageId + 1} 0 R >>`);
    objects.set(pageId + 1, `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}endstream`);
  });

  // Everything but the header's binary marker is ASCII, so string length is byte length.
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  let length = chunks[0]?.length ?? 0;
  const offsets: number[] = [];
  const count = firstPage + pageStreams.length * 2;
  for (let id = 1; id < count; id += 1) {
    offsets.push(length);
    const chunk = Buffer.from(`${id} 0 obj\n${objects.get(id) ?? 'null'}\nendobj\n`, 'latin1');
    chunks.push(chunk);
    length += chunk.length;
  }
  const body = Buffer.concat(chunks);
  // The file identifier is required to be unique per document; a digest of the body is, and stays stable.
  const id = createHash('sha256').update(body).digest('hex').slice(0, 32).toUpperCase();
  const xref = [
    'xref',
    `0 ${count}`,
    '0000000000 65535 f ',
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${count} /Root ${CATALOG} 0 R /Info ${INFO} 0 R /ID [<${id}> <${id}>] >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.concat([body, Buffer.from(xref, 'latin1')]);
}
