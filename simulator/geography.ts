import { PROVINCES } from '../contracts/regions.ts';
import { WeightedTable, hashInts } from './prng.ts';

/**
 * Where buyers live and how long parcels take. Buyers are spread by the 2020 census population
 * (millions), so 广东/山东/河南 dominate and 西藏/青海 are rare — which also decides which
 * provinces have enough shipments for a regional delay rate to mean anything.
 */
const POPULATION_MILLIONS: Record<string, number> = {
  北京市: 21.9, 天津市: 13.9, 河北省: 74.6, 山西省: 34.9, 内蒙古自治区: 24.0, 辽宁省: 42.6, 吉林省: 24.1,
  黑龙江省: 31.9, 上海市: 24.9, 江苏省: 84.7, 浙江省: 64.6, 安徽省: 61.0, 福建省: 41.5, 江西省: 45.2,
  山东省: 101.5, 河南省: 99.4, 湖北省: 57.8, 湖南省: 66.4, 广东省: 126.0, 广西壮族自治区: 50.1, 海南省: 10.1,
  重庆市: 32.1, 四川省: 83.7, 贵州省: 38.6, 云南省: 47.2, 西藏自治区: 3.6, 陕西省: 39.5, 甘肃省: 25.0,
  青海省: 5.9, 宁夏回族自治区: 7.2, 新疆维吾尔自治区: 25.9,
};

/** Macro regions; a parcel crossing them takes longer than one staying inside. */
const MACRO_REGION: Record<string, string> = {
  上海市: 'east', 江苏省: 'east', 浙江省: 'east', 安徽省: 'east', 福建省: 'east', 江西省: 'east', 山东省: 'east',
  广东省: 'south', 广西壮族自治区: 'south', 海南省: 'south',
  北京市: 'north', 天津市: 'north', 河北省: 'north', 山西省: 'north', 内蒙古自治区: 'north',
  河南省: 'central', 湖北省: 'central', 湖南省: 'central',
  重庆市: 'southwest', 四川省: 'southwest', 贵州省: 'southwest', 云南省: 'southwest', 西藏自治区: 'southwest',
  陕西省: 'northwest', 甘肃省: 'northwest', 青海省: 'northwest', 宁夏回族自治区: 'northwest', 新疆维吾尔自治区: 'northwest',
  辽宁省: 'northeast', 吉林省: 'northeast', 黑龙江省: 'northeast',
};

/** Far-flung destinations: carriers promise (and take) longer. */
const REMOTE = new Set(['西藏自治区', '新疆维吾尔自治区', '青海省']);

export const PROVINCE_NAMES: readonly string[] = PROVINCES.map(([, name]) => name);

const codeByName = new Map(PROVINCES.map(([code, name]) => [name, code] as const));

/** GB/T 2260 code of a full province name (some carriers send codes instead of names). */
export function provinceCode(name: string): string {
  const code = codeByName.get(name);
  if (!code) throw new Error(`unknown province ${name}`);
  return code;
}

const buyerTable = new WeightedTable(PROVINCE_NAMES.map((name) => [name, POPULATION_MILLIONS[name] ?? 1] as const));

/**
 * The province of buyer `userNo`: fixed per buyer (a buyer always ships to the same place),
 * population-weighted across buyers.
 */
export function buyerProvince(seedHash: number, userNo: number): string {
  return buyerTable.at(hashInts(seedHash, 0x5eed, userNo) / 4294967296);
}

export function isRemote(province: string): boolean {
  return REMOTE.has(province);
}

/** Typical line-haul days from pick-up to delivery between two provinces. */
export function transitDays(origin: string, dest: string): number {
  if (REMOTE.has(dest) || REMOTE.has(origin)) return 3.2;
  if (origin === dest) return 0.7;
  if (MACRO_REGION[origin] === MACRO_REGION[dest]) return 1.1;
  return 1.8;
}

/** Population share of a province (0–1); exported for tests that size expectations. */
export function populationShare(province: string): number {
  let total = 0;
  for (const name of PROVINCE_NAMES) total += POPULATION_MILLIONS[name] ?? 0;
  return (POPULATION_MILLIONS[province] ?? 0) / total;
}
