import { describe, expect, it } from 'vitest';
import { type ReceiptContent, renderReceiptPdf } from '../receipt-pdf.js';

function receipt(overrides: Partial<ReceiptContent> = {}): ReceiptContent {
  return {
    title: '受理回执',
    caseNumber: 'SY-2026-000123',
    itemName: '居住证申领',
    agencyName: '沈阳市公安局和平分局',
    applicantName: '张三',
    idNumberMasked: '110105********002X',
    submittedAt: '2026-11-27T01:30:00Z',
    dueDate: '2026-12-11',
    materials: [{ name: '居民身份证', files: 2 }, { name: '居住登记证明', files: 1 }],
    notes: ['请保存本回执，凭受理编号查询办理进度。'],
    ...overrides,
  };
}

const ucs2 = (text: string): string => [...text].map((char) => (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')).join('');

function latin1(pdf: Buffer): string {
  return pdf.toString('latin1');
}

/** The content streams of the document, in page order. */
function contentStreams(pdf: Buffer): string[] {
  return [...latin1(pdf).matchAll(/<< \/Length (\d+) >>\nstream\n/g)].map((match) => {
    const start = (match.index ?? 0) + match[0].length;
    return latin1(pdf).slice(start, start + Number(match[1]));
  });
}

interface ShownText { x: number; y: number; size: number; text: string }

/** Every string the pages show, decoded from UCS-2 hex. */
function shownTexts(stream: string): ShownText[] {
  return [...stream.matchAll(/\/F1 ([\d.]+) Tf (?:2 Tr )?([\d.]+) ([\d.]+) Td <([0-9A-F]*)> Tj/g)].map((match) => ({
    size: Number(match[1]),
    x: Number(match[2]),
    y: Number(match[3]),
    text: String.fromCharCode(...(match[4]?.match(/.{4}/g) ?? []).map((code) => parseInt(code, 16))),
  }));
}

/** Width in points as the PDF declares it: /W [1 95 500] for ASCII, /DW 1000 for the rest. */
const widthOf = (shown: ShownText): number => [...shown.text].reduce((sum, char) => sum + (char >= ' ' && char <= '~' ? 0.5 : 1), 0) * shown.size;

const allText = (pdf: Buffer): string => contentStreams(pdf).flatMap(shownTexts).map((shown) => shown.text).join('\n');

describe('renderReceiptPdf', () => {
  it('writes a PDF 1.7 file with a header, a trailer and an end-of-file marker', () => {
    const text = latin1(renderReceiptPdf(receipt()));
    expect(text.startsWith('%PDF-1.7\n%')).toBe(true);
    expect(text).toMatch(/trailer\n<< \/Size \d+ \/Root 1 0 R \/Info 6 0 R \/ID \[<[0-9A-F]{32}> <[0-9A-F]{32}>\] >>\nstartxref\n\d+\n%%EOF\n$/);
  });

  it('points startxref at the cross-reference table and every entry at its object', () => {
    // given a rendered receipt
    const text = latin1(renderReceiptPdf(receipt()));

    // when the cross-reference table is read from where startxref says
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref)) ?? [];
    const entries = text.slice(startxref).split('\n').slice(2, 2 + Number(count));

    // then it covers every object, and each in-use entry is the byte offset of "n 0 obj"
    expect(first).toBe('0');
    expect(Number(count)).toBe(Number(/\/Size (\d+)/.exec(text)?.[1]));
    expect(entries[0]).toBe('0000000000 65535 f ');
    entries.slice(1).forEach((entry, index) => {
      expect(entry).toMatch(/^\d{10} 00000 n $/);
      const offset = Number(entry.slice(0, 10));
      expect(text.slice(offset, offset + 20)).toMatch(new RegExp(`^${index + 1} 0 obj\n`));
    });
    expect((text.match(/^\d+ 0 obj$/gm) ?? []).length).toBe(Number(count) - 1);
  });

  it('states the exact length of every content stream', () => {
    const text = latin1(renderReceiptPdf(receipt()));
    for (const match of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
      const start = (match.index ?? 0) + match[0].length;
      expect(text.slice(start + Number(match[1]), start + Number(match[1]) + 9)).toBe('endstream');
    }
  });

  it('uses the predefined STSong-Light font and embeds no font file', () => {
    const text = latin1(renderReceiptPdf(receipt()));
    expect(text).toContain('/Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H');
    expect(text).toContain('/Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >>');
    expect(text).not.toMatch(/FontFile/);
  });

  it('shows the case number and the item as UCS-2 hex text in the content stream', () => {
    const stream = contentStreams(renderReceiptPdf(receipt())).join('');
    expect(stream).toContain(`<${ucs2('SY-2026-000123')}> Tj`);
    expect(stream).toContain(`<${ucs2('居住证申领')}> Tj`);
  });

  it('prints every detail the applicant needs, with the submission time in Beijing time', () => {
    const text = allText(renderReceiptPdf(receipt()));
    for (const expected of ['受理回执', '受理编号', '沈阳市公安局和平分局', '张三', '110105********002X', '2026-11-27 09:30（北京时间）', '2026-12-11', '居民身份证（2 个文件）', '请保存本回执，凭受理编号查询办理进度。', '第 1 页，共 1 页']) {
      expect(text).toContain(expected);
    }
  });

  it('says the due date follows the progress notices when there is none', () => {
    expect(allText(renderReceiptPdf(receipt({ dueDate: null })))).toContain('以办理进度通知为准');
  });

  it('titles the document and dates it from the submission, not from the clock', () => {
    const text = latin1(renderReceiptPdf(receipt()));
    const title = Buffer.from('\uFEFF受理回执 SY-2026-000123', 'utf16le').swap16().toString('hex').toUpperCase();
    expect(text).toContain(`/Title <${title}>`);
    expect(text).toContain("/CreationDate (D:20261127093000+08'00')");
  });

  it('gives identical bytes for equal input and different bytes for a different case', () => {
    expect(renderReceiptPdf(receipt()).equals(renderReceiptPdf(receipt()))).toBe(true);
    expect(renderReceiptPdf(receipt()).equals(renderReceiptPdf(receipt({ caseNumber: 'SY-2026-000124' })))).toBe(false);
  });

  it('wraps long text within the right margin without losing any of it', () => {
    // given an item name far wider than the page, mixing Chinese and a long English phrase
    const itemName = `${'城镇污水排入排水管网许可'.repeat(6)} Permit for discharging urban sewage into the drainage network`;

    // when the receipt is rendered
    const shown = contentStreams(renderReceiptPdf(receipt({ itemName }))).flatMap(shownTexts);

    // then no line runs past the right margin and the lines join back to the name
    for (const line of shown) expect(line.x + widthOf(line)).toBeLessThanOrEqual(595.28 - 56.7 + 0.01);
    const labelY = (label: string): number => shown.find((line) => line.text === label)?.y ?? Number.NaN;
    const valueX = Math.max(...shown.filter((line) => line.y === labelY('事项名称')).map((line) => line.x));
    const nameLines = shown.filter((line) => line.x === valueX && line.y <= labelY('事项名称') && line.y > labelY('受理部门'));
    expect(nameLines.length).toBeGreaterThan(2);
    let rest = itemName;
    for (const line of nameLines) {
      rest = rest.trimStart();
      expect(rest.startsWith(line.text)).toBe(true);
      rest = rest.slice(line.text.length);
    }
    expect(rest).toBe('');
    const words = new Set(itemName.split(' '));
    for (const line of nameLines) {
      for (const word of line.text.split(' ').filter((part) => /^[A-Za-z]+$/.test(part))) expect(words).toContain(word);
    }
  });

  it('breaks the list of materials onto more pages and numbers every page', () => {
    // given an application with many materials
    const materials = Array.from({ length: 80 }, (_, index) => ({ name: `申请材料第 ${index + 1} 项`, files: 1 }));

    // when the receipt is rendered
    const pdf = renderReceiptPdf(receipt({ materials }));
    const streams = contentStreams(pdf);

    // then it has several pages, each with a footer that counts them, and every material is listed
    const pages = Number(/\/Type \/Pages \/Kids \[[^\]]*\] \/Count (\d+)/.exec(latin1(pdf))?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(streams).toHaveLength(pages);
    expect((latin1(pdf).match(/\/Type \/Page /g) ?? []).length).toBe(pages);
    streams.forEach((stream, index) => {
      expect(shownTexts(stream).map((shown) => shown.text)).toContain(`受理编号 SY-2026-000123\u3000第 ${index + 1} 页，共 ${pages} 页`);
      for (const shown of shownTexts(stream)) expect(shown.y).toBeGreaterThanOrEqual(40);
    });
    const text = allText(pdf);
    for (const material of materials) expect(text).toContain(`${material.name}（1 个文件）`);
  });

  it('prints a white square for characters UCS-2 cannot hold instead of breaking the text', () => {
    const stream = contentStreams(renderReceiptPdf(receipt({ applicantName: '王𠈌' }))).join('');
    expect(stream).toContain(`<${ucs2('王□')}> Tj`);
  });

  it('says there are no materials when none were given', () => {
    expect(allText(renderReceiptPdf(receipt({ materials: [], notes: [] })))).toContain('（无）');
  });
});
