// The citizens and the material files the benchmarks send.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const { idNumberCheckChar } = await import(pathToFileURL(path.resolve(import.meta.dirname, '../../libs/contracts/dist/index.js')).href);

const FAMILY = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明'];
const DISTRICTS = ['210102', '210103', '210104', '210105', '210106', '210111', '210112', '210113']; // 沈阳市 districts

/**
 * A distinct citizen per index: GB 11643 ID number with a real birth date and check character.
 * `kind` keeps the citizens of one benchmark apart from another's (subject, username, birth years).
 */
export function citizen(index, { kind, subPrefix, bornFrom, sequenceFrom }) {
  const birth = new Date(Date.UTC(bornFrom, 0, 1) + (index % 12_000) * 86_400_000);
  const sequence = String(sequenceFrom + (Math.floor(index / 12_000) % (1000 - sequenceFrom))).padStart(3, '0');
  const first17 = `${DISTRICTS[index % DISTRICTS.length]}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${sequence}`;
  return {
    sub: `${subPrefix}-0000-4000-8000-${String(index).padStart(12, '0')}`,
    username: `${kind}-citizen-${index}`,
    name: `${FAMILY[index % FAMILY.length]}${GIVEN[Math.floor(index / FAMILY.length) % GIVEN.length]}`,
    idNumber: `${first17}${idNumberCheckChar(first17)}`,
  };
}

/** A small, valid-looking PDF of about `kb` KB; `tag` makes its bytes (and SHA-256) unique. */
export function pdf(tag, kb) {
  const head = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${tag}\n`;
  const filler = '% bench material: scanned page placeholder 0123456789abcdefghijklmnopqrstuvwxyz\n';
  return Buffer.from(`${head}${filler.repeat(Math.ceil((kb * 1024 - head.length) / filler.length))}trailer<</Root 1 0 R>>\n%%EOF\n`, 'latin1');
}
