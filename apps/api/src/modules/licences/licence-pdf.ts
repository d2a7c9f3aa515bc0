// The e-licence as a PDF: the signed fields, the issuing department's e-seal, a QR code to the
// verification page and the licence number; the signed payload and its signature are embedded in the
// document information dictionary, so a PDF handed to a third party can be checked on its own.
// Written by hand like the receipt (same font, same serialiser); output depends only on the input.
import type { LicencePayload, LicenceSignature } from '@gov/contracts';
import QRCode from 'qrcode';
import { beijingTime, emWidth, num, PAGE_HEIGHT, PAGE_WIDTH, serialisePdf, textString, ucs2Hex, wrapText } from '../applications/receipt-pdf.js';

export interface LicenceDocument {
  payload: LicencePayload;
  /** The exact signed bytes (canonical JSON of the payload). */
  signedText: string;
  signature: LicenceSignature;
  layout: { title: string; footer: string };
  verifyUrl: string;
}

const LEFT = 70;
const RIGHT = PAGE_WIDTH - 70;
const LABEL_WIDTH = 120;
const BODY = 12;
const LEADING = 20;

/** Text at (x, y); an empty string draws nothing. */
function text(x: number, y: number, size: number, value: string, bold = false): string {
  if (value === '') return '';
  if (bold) return `q 0 G 0.4 w BT /F1 ${num(size)} Tf 2 Tr ${num(x)} ${num(y)} Td ${ucs2Hex(value)} Tj ET Q`;
  return `BT /F1 ${num(size)} Tf ${num(x)} ${num(y)} Td ${ucs2Hex(value)} Tj ET`;
}

/** A circle as four Bézier arcs. */
function circle(cx: number, cy: number, r: number): string {
  const k = 0.5523 * r;
  return [
    `${num(cx + r)} ${num(cy)} m`,
    `${num(cx + r)} ${num(cy + k)} ${num(cx + k)} ${num(cy + r)} ${num(cx)} ${num(cy + r)} c`,
    `${num(cx - k)} ${num(cy + r)} ${num(cx - r)} ${num(cy + k)} ${num(cx - r)} ${num(cy)} c`,
    `${num(cx - r)} ${num(cy - k)} ${num(cx - k)} ${num(cy - r)} ${num(cx)} ${num(cy - r)} c`,
    `${num(cx + k)} ${num(cy - r)} ${num(cx + r)} ${num(cy - k)} ${num(cx + r)} ${num(cy)} c`,
  ].join(' ');
}

/** The department's e-seal (电子印章): red ring, star, the department's name and the seal's purpose. */
function seal(cx: number, cy: number, department: string): string[] {
  const r = 52;
  const star: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const radius = i % 2 === 0 ? 14 : 5.6;
    const angle = Math.PI / 2 + (i * Math.PI) / 5;
    star.push(`${num(cx + radius * Math.cos(angle))} ${num(cy + 8 + radius * Math.sin(angle))} ${i === 0 ? 'm' : 'l'}`);
  }
  const lines = wrapText(department, 9, 2 * r - 22).slice(0, 2);
  const ops = ['q 0.85 0.1 0.1 RG 0.85 0.1 0.1 rg 2.5 w', `${circle(cx, cy, r)} S`, `${star.join(' ')} h f`];
  lines.forEach((line, index) => ops.push(text(cx - (emWidth(line) * 9) / 2, cy + 30 - index * 11 - (lines.length === 1 ? 4 : 0), 9, line)));
  ops.push(text(cx - emWidth('电子证照专用章') * 4, cy - 22, 8, '电子证照专用章'), 'Q');
  return ops;
}

/** The QR code's dark modules as filled squares, with the quiet zone left white. */
function qrCode(x: number, y: number, size: number, value: string): string[] {
  const qr = QRCode.create(value, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = size / count;
  const squares: string[] = [];
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) {
      if (qr.modules.get(row, col)) squares.push(`${num(x + col * cell)} ${num(y + size - (row + 1) * cell)} ${num(cell + 0.05)} ${num(cell + 0.05)} re`);
    }
  }
  return ['q 0 g', ...squares, 'f Q'];
}

function dateOf(iso: string | null): string {
  if (iso === null) return '长期';
  const local = beijingTime(iso);
  return local ? `${local.date.slice(0, 4)}年${local.date.slice(5, 7)}月${local.date.slice(8, 10)}日` : iso;
}

function page(doc: LicenceDocument): string {
  const { payload } = doc;
  const ops: string[] = [];
  // Double red frame, as printed licences have.
  ops.push('q 0.75 0.1 0.1 RG 2 w 36 36 523.28 769.89 re S 0.8 w 42 42 511.28 757.89 re S Q');
  ops.push('q 0.55 G 0.6 w');
  let y = PAGE_HEIGHT - 120;
  const title = doc.layout.title.split('').join(' ');
  ops.push(text((PAGE_WIDTH - emWidth(title) * 26) / 2, y, 26, title, true));
  y -= 34;
  const number = `证照编号：${payload.licenceNo}`;
  ops.push(text((PAGE_WIDTH - emWidth(number) * BODY) / 2, y, BODY, number));
  y -= 30;
  const holderLabel = payload.holder.kind === 'company' ? '统一社会信用代码' : '公民身份号码';
  const rows: [string, string][] = [
    ['持证主体', payload.holder.name],
    [holderLabel, payload.holder.id],
    ...payload.fields.map((f): [string, string] => [f.label, f.value]),
    ['发证机关', payload.department.name],
    ['发证日期', dateOf(payload.issuedAt)],
    ['有效期', `${dateOf(payload.validFrom)} 至 ${dateOf(payload.validUntil)}`],
  ];
  for (const [label, value] of rows) {
    const valueLines = wrapText(value, BODY, RIGHT - LEFT - LABEL_WIDTH);
    for (const [index, line] of valueLines.entries()) {
      if (index === 0) ops.push(text(LEFT, y, BODY, label));
      ops.push(text(LEFT + LABEL_WIDTH, y, BODY, line));
      y -= LEADING;
    }
    ops.push(`${num(LEFT)} ${num(y + LEADING - 6)} m ${num(RIGHT)} ${num(y + LEADING - 6)} l S`);
  }
  ops.push('Q');
  // QR code to the verification page, bottom left; seal bottom right.
  ops.push(...qrCode(LEFT, 150, 110, doc.verifyUrl));
  ops.push(text(LEFT, 136, 8, '扫码核验'));
  for (const [index, line] of wrapText(doc.verifyUrl, 7, 240).entries()) ops.push(text(LEFT, 124 - index * 9, 7, line));
  ops.push(...seal(RIGHT - 80, 210, payload.department.name));
  for (const [index, line] of wrapText(doc.layout.footer, 9, RIGHT - LEFT).entries()) ops.push(text(LEFT, 92 - index * 12, 9, line));
  ops.push(text(LEFT, 62, 7, `签名算法 ${doc.signature.algorithm}\u3000密钥 ${doc.signature.keyId}\u3000版本 ${payload.version}`));
  return `${ops.filter((op) => op !== '').join('\n')}\n`;
}

const hex = (value: string) => Buffer.from(value, 'utf8').toString('hex').toUpperCase();

/** Renders the licence PDF; the embedded `/GovLicence…` entries carry what verification needs. */
export function renderLicencePdf(doc: LicenceDocument): Buffer {
  const created = beijingTime(doc.payload.issuedAt);
  const info = [
    `/Title ${textString(`${doc.payload.typeName} ${doc.payload.licenceNo}`)}`,
    `/Author ${textString(doc.payload.department.name)}`,
    '/Producer (gov-services-platform e-licence library)',
    created ? `/CreationDate (D:${created.compact}+08'00')` : '',
    `/GovLicencePayload <${hex(doc.signedText)}>`,
    `/GovLicenceAlgorithm (${doc.signature.algorithm})`,
    `/GovLicenceKeyId (${doc.signature.keyId})`,
    `/GovLicenceSignature <${hex(doc.signature.value)}>`,
  ].filter((entry) => entry !== '').join(' ');
  return serialisePdf([page(doc)], info);
}

/** What a PDF says about itself: the embedded payload text and signature, or null when it carries none. */
export function embeddedLicence(pdf: Buffer): { signedText: string; signature: { algorithm: string; keyId: string; value: string } } | null {
  const raw = pdf.toString('latin1');
  const payload = /\/GovLicencePayload <([0-9A-Fa-f]+)>/.exec(raw)?.[1];
  const algorithm = /\/GovLicenceAlgorithm \(([A-Za-z0-9-]+)\)/.exec(raw)?.[1];
  const keyId = /\/GovLicenceKeyId \(([A-Za-z0-9-]+)\)/.exec(raw)?.[1];
  const signature = /\/GovLicenceSignature <([0-9A-Fa-f]+)>/.exec(raw)?.[1];
  if (!payload || !algorithm || !keyId || !signature || payload.length % 2 !== 0 || signature.length % 2 !== 0) return null;
  return {
    signedText: Buffer.from(payload, 'hex').toString('utf8'),
    signature: { algorithm, keyId, value: Buffer.from(signature, 'hex').toString('utf8') },
  };
}
