import type { MigrationInterface, QueryRunner } from 'typeorm';

const AMR = { path: '/沈阳市/市场监督管理局', name: '沈阳市市场监督管理局' };

/** E-licence types are catalogue data; these are the types the seed items issue. */
const TYPES = [
  {
    code: 'food-business-licence', name: '食品经营许可证', department: AMR, holderKind: 'company', validityYears: 5,
    fields: [
      { key: 'operatorName', label: '经营者名称', sources: ['operatorName', 'companyName'] },
      { key: 'creditCode', label: '统一社会信用代码', sources: ['creditCode'] },
      { key: 'premisesAddress', label: '经营场所', sources: ['premisesAddress'] },
      { key: 'businessItems', label: '经营项目', sources: ['businessItems'] },
      { key: 'safetyManager', label: '食品安全管理人员', sources: ['safetyManager'] },
    ],
    layout: { title: '食品经营许可证', footer: '本电子证照与纸质证照具有同等法律效力。扫描二维码或访问核验地址核验真伪。' },
    // 居住证核发: a food business run in the city proves employment (就业证明：劳动合同、营业执照等).
    replaces: [{ itemCode: '210100-GG-00003-C', materialId: 'employment-proof' }],
  },
  {
    code: 'individual-business-licence', name: '营业执照', department: AMR, holderKind: 'company', validityYears: null,
    fields: [
      { key: 'businessName', label: '名称', sources: ['businessName', 'operatorName'] },
      { key: 'operatorName', label: '经营者', sources: ['operatorName'] },
      { key: 'organisationForm', label: '组成形式', sources: ['organisationForm'] },
      { key: 'businessScope', label: '经营范围', sources: ['businessScope'] },
      { key: 'premisesAddress', label: '经营场所', sources: ['premisesAddress'] },
    ],
    layout: { title: '营业执照', footer: '本电子营业执照与纸质营业执照具有同等法律效力。扫描二维码或访问核验地址核验真伪。' },
    replaces: [{ itemCode: '210100-XK-00002-B', materialId: 'business-licence' }, { itemCode: '210100-GG-00003-C', materialId: 'employment-proof' }],
  },
];

/** The e-licence library: types, licences with their signatures, lifecycle history, share links, and the data-use ledger. */
export class CreateLicences1795860000000 implements MigrationInterface {
  name = 'CreateLicences1795860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE licence_type (
        code             text PRIMARY KEY,
        name             text NOT NULL,
        department_path  text NOT NULL,
        department_name  text NOT NULL,
        holder_kind      text NOT NULL CHECK (holder_kind IN ('person', 'company')),
        fields           jsonb NOT NULL,
        validity_years   integer,
        layout           jsonb NOT NULL,
        replaces         jsonb NOT NULL DEFAULT '[]'
      )`);
    await queryRunner.query(`
      CREATE TABLE e_licence (
        licence_no       text PRIMARY KEY,
        type_code        text NOT NULL REFERENCES licence_type (code),
        version          integer NOT NULL DEFAULT 1,
        holder_kind      text NOT NULL CHECK (holder_kind IN ('person', 'company')),
        holder_id        text NOT NULL,
        holder_name      text NOT NULL,
        payload          text NOT NULL,
        algorithm        text NOT NULL,
        key_id           text NOT NULL,
        signature        text NOT NULL,
        pdf_sha256       text NOT NULL,
        pdf_storage_key  text NOT NULL,
        status           text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'suspended', 'revoked', 'replaced')),
        status_reason    text,
        valid_until      timestamptz,
        issued_at        timestamptz NOT NULL,
        case_number      text,
        application_id   uuid,
        replaces         text REFERENCES e_licence (licence_no),
        replaced_by      text REFERENCES e_licence (licence_no)
      )`);
    // One licence of a type per case: a retried licence.issue job finds the one it issued.
    await queryRunner.query('CREATE UNIQUE INDEX e_licence_case_type ON e_licence (case_number, type_code) WHERE case_number IS NOT NULL');
    await queryRunner.query('CREATE INDEX e_licence_holder ON e_licence (holder_id)');
    await queryRunner.query(`
      CREATE TABLE licence_event (
        id           bigserial PRIMARY KEY,
        licence_no   text NOT NULL REFERENCES e_licence (licence_no),
        at           timestamptz NOT NULL,
        kind         text NOT NULL,
        actor        text NOT NULL,
        reason       text
      )`);
    await queryRunner.query(`
      CREATE TABLE licence_share (
        token        text PRIMARY KEY,
        licence_no   text NOT NULL REFERENCES e_licence (licence_no),
        created_by   text NOT NULL,
        created_at   timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE data_use (
        id              uuid PRIMARY KEY,
        at              timestamptz NOT NULL,
        holder_id       text NOT NULL,
        licence_no      text REFERENCES e_licence (licence_no),
        material        text,
        department      text NOT NULL,
        case_number     text,
        application_id  uuid,
        basis           text NOT NULL CHECK (basis IN ('consent', 'legal-basis', 'holder')),
        basis_detail    text NOT NULL,
        purpose         text NOT NULL,
        actor           text NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX data_use_holder ON data_use (holder_id, at DESC)');
    // The holder's standing consent to fill new applications from the wallet automatically.
    await queryRunner.query('CREATE TABLE licence_autofill_consent (subject text PRIMARY KEY, granted_at timestamptz NOT NULL)');
    // A material filled from the wallet is the licence's PDF; the column says which licence it is.
    await queryRunner.query('ALTER TABLE material_file ADD COLUMN licence_no text REFERENCES e_licence (licence_no)');
    for (const t of TYPES) {
      await queryRunner.query(
        `INSERT INTO licence_type (code, name, department_path, department_name, holder_kind, fields, validity_years, layout, replaces)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [t.code, t.name, t.department.path, t.department.name, t.holderKind, JSON.stringify(t.fields), t.validityYears, JSON.stringify(t.layout), JSON.stringify(t.replaces)],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE material_file DROP COLUMN licence_no');
    await queryRunner.query('DROP TABLE licence_autofill_consent');
    await queryRunner.query('DROP TABLE data_use');
    await queryRunner.query('DROP TABLE licence_share');
    await queryRunner.query('DROP TABLE licence_event');
    await queryRunner.query('DROP TABLE e_licence');
    await queryRunner.query('DROP TABLE licence_type');
  }
}
