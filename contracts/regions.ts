/**
 * Mainland China provincial-level divisions (GB/T 2260). Producers may send the 6-digit code,
 * the full name or the short name; the warehouse stores the code (see sql/migrations/0002).
 * The table is the single source for both the validator and the SQL mapping.
 */
export const PROVINCES: ReadonlyArray<readonly [code: string, name: string, short: string]> = [
  ['110000', '北京市', '北京'],
  ['120000', '天津市', '天津'],
  ['130000', '河北省', '河北'],
  ['140000', '山西省', '山西'],
  ['150000', '内蒙古自治区', '内蒙古'],
  ['210000', '辽宁省', '辽宁'],
  ['220000', '吉林省', '吉林'],
  ['230000', '黑龙江省', '黑龙江'],
  ['310000', '上海市', '上海'],
  ['320000', '江苏省', '江苏'],
  ['330000', '浙江省', '浙江'],
  ['340000', '安徽省', '安徽'],
  ['350000', '福建省', '福建'],
  ['360000', '江西省', '江西'],
  ['370000', '山东省', '山东'],
  ['410000', '河南省', '河南'],
  ['420000', '湖北省', '湖北'],
  ['430000', '湖南省', '湖南'],
  ['440000', '广东省', '广东'],
  ['450000', '广西壮族自治区', '广西'],
  ['460000', '海南省', '海南'],
  ['500000', '重庆市', '重庆'],
  ['510000', '四川省', '四川'],
  ['520000', '贵州省', '贵州'],
  ['530000', '云南省', '云南'],
  ['540000', '西藏自治区', '西藏'],
  ['610000', '陕西省', '陕西'],
  ['620000', '甘肃省', '甘肃'],
  ['630000', '青海省', '青海'],
  ['640000', '宁夏回族自治区', '宁夏'],
  ['650000', '新疆维吾尔自治区', '新疆'],
];

/** Every spelling a producer may use for a region. */
export const REGION_SPELLINGS: string[] = PROVINCES.flatMap(([code, name, short]) => [code, name, short]);

const codeBySpelling = new Map<string, string>(
  PROVINCES.flatMap(([code, name, short]) => [[code, code], [name, code], [short, code]] as const),
);
const nameByCode = new Map<string, string>(PROVINCES.map(([code, name]) => [code, name]));

/** The stored form (GB/T 2260 code) of a region spelling, or undefined when it is not a region. */
export function regionCode(spelling: string): string | undefined {
  return codeBySpelling.get(spelling);
}

/** The display name of a stored region code. */
export function regionName(code: string): string {
  return nameByCode.get(code) ?? code;
}
