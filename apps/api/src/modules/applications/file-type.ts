// What an uploaded material really is, from its bytes: a renamed .txt or .docx must not pass as a
// PDF, and the file name a browser sends is never trusted.
import type { MaterialMediaType } from '@gov/contracts';

const PDF = Buffer.from('%PDF-', 'latin1');
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const EOCD_SIZE = 22;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const MAX_COMMENT = 0xffff;

/** The document entry every OFD package (GB/T 33190) has at its root. */
const OFD_ENTRY = 'OFD.xml';

function startsWith(content: Buffer, signature: Buffer): boolean {
  return content.length >= signature.length && content.subarray(0, signature.length).equals(signature);
}

/** The accepted media type of a file's content, or null when it is none of them. */
export function detectMediaType(content: Buffer): MaterialMediaType | null {
  if (startsWith(content, PDF)) return 'application/pdf';
  if (startsWith(content, JPEG)) return 'image/jpeg';
  if (startsWith(content, PNG)) return 'image/png';
  if (content.length >= 4 && content.readUInt32LE(0) === LOCAL_HEADER && zipEntryNames(content).includes(OFD_ENTRY)) return 'application/ofd';
  return null;
}

/**
 * Names of the entries of a ZIP archive, from its central directory; [] when the archive is
 * truncated or malformed. Each entry's local header must be where the directory says, so a
 * directory pasted onto other bytes does not count. ZIP64 archives (over 4 GB or 65535 entries)
 * are not read: no material comes near that.
 */
export function zipEntryNames(content: Buffer): string[] {
  const end = findEndOfCentralDirectory(content);
  if (end === null) return [];
  const entries = content.readUInt16LE(end + 10);
  const size = content.readUInt32LE(end + 12);
  const start = content.readUInt32LE(end + 16);
  if (start + size > end) return [];
  const names: string[] = [];
  let at = start;
  for (let i = 0; i < entries; i += 1) {
    if (at + CENTRAL_HEADER_SIZE > start + size || content.readUInt32LE(at) !== CENTRAL_HEADER) return [];
    const nameLength = content.readUInt16LE(at + 28);
    const extraLength = content.readUInt16LE(at + 30);
    const commentLength = content.readUInt16LE(at + 32);
    const localOffset = content.readUInt32LE(at + 42);
    const nameEnd = at + CENTRAL_HEADER_SIZE + nameLength;
    if (nameEnd > start + size) return [];
    const name = content.subarray(at + CENTRAL_HEADER_SIZE, nameEnd);
    if (!hasLocalHeader(content, localOffset, name, start)) return [];
    names.push(name.toString('utf8'));
    at = nameEnd + extraLength + commentLength;
  }
  return names;
}

function hasLocalHeader(content: Buffer, offset: number, name: Buffer, directoryStart: number): boolean {
  const nameStart = offset + LOCAL_HEADER_SIZE;
  if (nameStart + name.length > directoryStart || content.readUInt32LE(offset) !== LOCAL_HEADER) return false;
  return content.readUInt16LE(offset + 26) === name.length && content.subarray(nameStart, nameStart + name.length).equals(name);
}

/** The end-of-central-directory record is last, followed only by an archive comment of its stated length. */
function findEndOfCentralDirectory(content: Buffer): number | null {
  const lowest = Math.max(0, content.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = content.length - EOCD_SIZE; at >= lowest; at -= 1) {
    if (content.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY && at + EOCD_SIZE + content.readUInt16LE(at + 20) === content.length) return at;
  }
  return null;
}
