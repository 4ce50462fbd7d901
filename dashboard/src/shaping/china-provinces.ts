/**
 * The 31 mainland provinces by GB/T 2260 code (the API's region_code): the id of each one's shape
 * in @svg-maps/china, and its English name (the API names regions in Chinese; the English UI
 * shows these). Hong Kong and Macau are drawn by the package but are not delivery regions here.
 */
export const PROVINCE_SHAPES: Record<string, { shape: string; en: string }> = {
  '110000': { shape: 'beijing', en: 'Beijing' },
  '120000': { shape: 'tianjin', en: 'Tianjin' },
  '130000': { shape: 'hebei', en: 'Hebei' },
  '140000': { shape: 'shanxi', en: 'Shanxi' },
  '150000': { shape: 'nei-mongol', en: 'Inner Mongolia' },
  '210000': { shape: 'liaoning', en: 'Liaoning' },
  '220000': { shape: 'jilin', en: 'Jilin' },
  '230000': { shape: 'heilongjiang', en: 'Heilongjiang' },
  '310000': { shape: 'shanghai', en: 'Shanghai' },
  '320000': { shape: 'jiangsu', en: 'Jiangsu' },
  '330000': { shape: 'zhejiang', en: 'Zhejiang' },
  '340000': { shape: 'anhui', en: 'Anhui' },
  '350000': { shape: 'fujian', en: 'Fujian' },
  '360000': { shape: 'jiangxi', en: 'Jiangxi' },
  '370000': { shape: 'shandong', en: 'Shandong' },
  '410000': { shape: 'henan', en: 'Henan' },
  '420000': { shape: 'hubei', en: 'Hubei' },
  '430000': { shape: 'hunan', en: 'Hunan' },
  '440000': { shape: 'guangdong', en: 'Guangdong' },
  '450000': { shape: 'guangxi-zhuang', en: 'Guangxi' },
  '460000': { shape: 'hainan', en: 'Hainan' },
  '500000': { shape: 'chongqing', en: 'Chongqing' },
  '510000': { shape: 'sichuan', en: 'Sichuan' },
  '520000': { shape: 'guizhou', en: 'Guizhou' },
  '530000': { shape: 'yunnan', en: 'Yunnan' },
  '540000': { shape: 'xizang', en: 'Xizang (Tibet)' },
  '610000': { shape: 'shaanxi', en: 'Shaanxi' },
  '620000': { shape: 'gansu', en: 'Gansu' },
  '630000': { shape: 'quinghai', en: 'Qinghai' },
  '640000': { shape: 'ningxia-hui', en: 'Ningxia' },
  '650000': { shape: 'xinjiang-uygur', en: 'Xinjiang' },
};

const CODE_BY_SHAPE = new Map(Object.entries(PROVINCE_SHAPES).map(([code, p]) => [p.shape, code]));

export const provinceCodeOfShape = (shape: string): string | undefined => CODE_BY_SHAPE.get(shape);

/** A region's name in the UI language: the API's Chinese name, or the English one. */
export function regionLabel(code: string, zhName: string, lang: string): string {
  return lang === 'en' ? (PROVINCE_SHAPES[code]?.en ?? zhName) : zhName;
}
