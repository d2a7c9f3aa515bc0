import { describe, expect, it } from 'vitest';
import { detectMediaType, zipEntryNames } from '../file-type.js';

interface ZipOptions {
  comment?: string;
  /** Name written into the central directory instead of the local header's name. */
  directoryNames?: Record<string, string>;
}

/** A stored (uncompressed) ZIP archive, built the way zip writers lay it out. */
function zip(entries: Record<string, string>, options: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);

    const directoryName = Buffer.from(options.directoryNames?.[name] ?? name, 'utf8');
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(directoryName.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, directoryName);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const comment = Buffer.from(options.comment ?? '', 'utf8');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...locals, directory, end, comment]);
}

const ofdPackage = (): Record<string, string> => ({
  'OFD.xml': '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>',
  'Doc_0/Document.xml': '<ofd:Document/>',
  'Doc_0/Pages/Page_0/Content.xml': '<ofd:Page/>',
});

const docx = (): Record<string, string> => ({
  '[Content_Types].xml': '<Types/>',
  '_rels/.rels': '<Relationships/>',
  'word/document.xml': '<w:document/>',
});

describe('detectMediaType', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1'), 'application/pdf'],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), 'image/jpeg'],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), 'image/png'],
    ['an OFD package', zip(ofdPackage()), 'application/ofd'],
  ])('recognises %s by its content', (_what, content, mediaType) => {
    expect(detectMediaType(content)).toBe(mediaType);
  });

  it('refuses a text file renamed to .pdf', () => {
    expect(detectMediaType(Buffer.from('这是一份申请书，不是 PDF。\n', 'utf8'))).toBeNull();
  });

  it('refuses a Word document, which is a ZIP without OFD.xml', () => {
    expect(detectMediaType(zip(docx()))).toBeNull();
  });

  it('refuses a plain ZIP archive', () => {
    expect(detectMediaType(zip({ 'scan.pdf': '%PDF-1.4' }))).toBeNull();
  });

  it('refuses a ZIP whose OFD.xml is not at the root', () => {
    expect(detectMediaType(zip({ 'backup/OFD.xml': '<ofd:OFD/>' }))).toBeNull();
  });

  it('recognises an OFD package that carries an archive comment', () => {
    expect(detectMediaType(zip(ofdPackage(), { comment: '由电子证照系统签发' }))).toBe('application/ofd');
  });

  it('refuses an OFD package cut off before its central directory', () => {
    const whole = zip(ofdPackage());
    expect(detectMediaType(whole.subarray(0, whole.length - 40))).toBeNull();
    expect(detectMediaType(whole.subarray(0, 60))).toBeNull();
  });

  it('refuses a ZIP whose directory names OFD.xml but whose entry is something else', () => {
    expect(detectMediaType(zip(docx(), { directoryNames: { '[Content_Types].xml': 'OFD.xml' } }))).toBeNull();
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['half a PNG signature', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
    ['half a JPEG signature', Buffer.from([0xff, 0xd8])],
    ['the start of a PDF header', Buffer.from('%PD', 'latin1')],
    ['a bare ZIP signature', Buffer.from('PK\x03\x04', 'latin1')],
    ['an empty ZIP archive', zip({})],
  ])('refuses %s', (_what, content) => {
    expect(detectMediaType(content)).toBeNull();
  });

  it('does not look for a PDF header past the first byte, as a file starting with text is not a PDF', () => {
    expect(detectMediaType(Buffer.from(' %PDF-1.7', 'latin1'))).toBeNull();
  });
});

describe('zipEntryNames', () => {
  it('lists the entries of an archive from its central directory', () => {
    expect(zipEntryNames(zip(ofdPackage()))).toEqual(['OFD.xml', 'Doc_0/Document.xml', 'Doc_0/Pages/Page_0/Content.xml']);
  });

  it('lists nothing when the directory points outside the file', () => {
    const archive = zip(ofdPackage());
    archive.writeUInt32LE(archive.length + 100, archive.length - 6);
    expect(zipEntryNames(archive)).toEqual([]);
  });
});
