import { CATEGORY_SPECS, type Category, type RefundPolicy } from './catalog-data.ts';
import { Rng, clamp, hashInts } from './prng.ts';

/**
 * The simulated platform: shops, their hosts (主播) and their SKUs. Built once from the seed and
 * the scale; everything that happens later is derived from these entities plus the calendar.
 */

export interface Shop {
  id: string;
  no: number;
  name: string;
  categories: readonly Category[];
  /** Province the shop ships from (and returns go back to). */
  warehouse: string;
  /** Typical hours until the merchant decides a refund that was not auto-approved. */
  decisionMedianHours: number;
}

export type Slot = 'morning' | 'afternoon' | 'evening';

export interface Host {
  id: string;
  no: number;
  name: string;
  shop: Shop;
  /** Audience size relative to an average host; scales orders. */
  popularity: number;
  /** Typical concurrent viewers of the host's room; scales comments (a stall of 100 to a star's 50,000). */
  viewers: number;
  /** How much this host's buyers refund relative to the category norm (the host's "usual rate"). */
  refundFactor: number;
  slot: Slot;
  /** Chance the host goes live on a given day. */
  liveProbability: number;
}

export interface Sku {
  id: string;
  no: number;
  shop: Shop;
  category: Category;
  name: string;
  /** Live price in fen (CNY cents); amounts are whole fen so they print with ≤ 2 decimals. */
  priceCents: number;
  policy: RefundPolicy;
  /** How well it sells while on screen, relative to its category (heavy-tailed: a few hits). */
  appeal: number;
  /** Refund propensity relative to its category; kept within ±15% so no SKU looks like an outlier by itself. */
  qualityFactor: number;
}

export interface World {
  seed: number;
  seedHash: number;
  /** Three seed-derived characters inside every id, so two seeds never collide in one warehouse. */
  tag: string;
  scale: number;
  shops: Shop[];
  hosts: Host[];
  skus: Sku[];
  skusByShop: Map<string, Sku[]>;
  hostsByShop: Map<string, Host[]>;
}

const SHOP_TEMPLATES: ReadonlyArray<{ name: string; categories: Category[]; warehouse: string }> = [
  { name: '小鹿女装旗舰店', categories: ['服饰'], warehouse: '浙江省' },
  { name: '美研护肤官方店', categories: ['美妆'], warehouse: '上海市' },
  { name: '山野鲜果园', categories: ['生鲜'], warehouse: '云南省' },
  { name: '极客数码专营店', categories: ['数码'], warehouse: '广东省' },
  { name: '禾味零食铺', categories: ['食品'], warehouse: '福建省' },
  { name: '暖居家居馆', categories: ['家居'], warehouse: '浙江省' },
  { name: '潮牌男装工厂店', categories: ['服饰'], warehouse: '广东省' },
  { name: '鲜味优选', categories: ['食品', '生鲜'], warehouse: '山东省' },
];

const HOST_NAMES = [
  '小雅', '阿杰', '琳琳', '大鹏', '朵朵', '晓峰', '甜甜', '老王', '可可', '阿珍',
  '思思', '浩哥', '小美', '阿强', '娜娜', '东东', '悠悠', '子涵', '乐乐', '婷婷',
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Live prices end the way live rooms price them: 59.9, 129, 299. */
function livePriceCents(yuan: number): number {
  if (yuan < 100) return Math.max(990, Math.round(yuan) * 100 - 10);
  return (Math.round(yuan / 10) * 10 - 1) * 100;
}

/**
 * Concurrent viewers of a host's room: most rooms are small (log-normal, median 400, a few
 * thousand at most), and one host in every hundred is a star with 20,000–50,000 (so a world of
 * 200 hosts has two). Its own stream per host: the rest of the world draws as before.
 */
function roomSize(seedHash: number, hostNo: number): number {
  const rng = new Rng(hashInts(seedHash, 0x71e, hostNo));
  if (hostNo % 100 === 50) return Math.round(20_000 * Math.pow(2.5, rng.next()));
  return Math.round(clamp(rng.logNormal(400, 0.7), 80, 8_000));
}

export function buildWorld(seed: number, scale: number): World {
  const seedHash = hashInts(seed, 0x77);
  const rng = new Rng(hashInts(seedHash, 1));
  const tag = (seedHash % 46656).toString(36).toUpperCase().padStart(3, '0');

  const shopCount = Math.max(2, Math.round(8 * scale));
  const shops: Shop[] = [];
  for (let i = 0; i < shopCount; i++) {
    const template = SHOP_TEMPLATES[i % SHOP_TEMPLATES.length] as (typeof SHOP_TEMPLATES)[number];
    const round = Math.floor(i / SHOP_TEMPLATES.length);
    shops.push({
      id: `SHOP${pad(i + 1, 3)}`,
      no: i + 1,
      name: round === 0 ? template.name : `${template.name}${round + 1}号店`,
      categories: template.categories,
      warehouse: template.warehouse,
      decisionMedianHours: rng.between(2, 8),
    });
  }

  const hostCount = Math.max(shopCount, Math.round(20 * scale));
  const hosts: Host[] = [];
  for (let i = 0; i < hostCount; i++) {
    const shop = shops[i % shopCount] as Shop;
    const fresh = shop.categories[0] === '生鲜';
    const baseName = HOST_NAMES[i % HOST_NAMES.length] as string;
    hosts.push({
      id: `HOST${pad(i + 1, 3)}`,
      no: i + 1,
      name: i < HOST_NAMES.length ? baseName : `${baseName}${Math.floor(i / HOST_NAMES.length) + 1}`,
      shop,
      popularity: clamp(rng.logNormal(1, 0.3), 0.6, 1.8),
      refundFactor: rng.between(0.92, 1.08),
      // Fresh produce sells in the morning (buyers plan the day's meals); everything else in the evening.
      slot: fresh ? (rng.chance(0.6) ? 'morning' : 'evening') : rng.chance(0.8) ? 'evening' : 'afternoon',
      liveProbability: rng.between(0.78, 0.92),
      viewers: roomSize(seedHash, i + 1),
    });
  }

  const skuCount = Math.max(shopCount * 6, Math.round(300 * scale));
  const skus: Sku[] = [];
  const namesByShop = new Map<string, Set<string>>();
  for (let i = 0; i < skuCount; i++) {
    const shop = shops[i % shopCount] as Shop;
    const nth = Math.floor(i / shopCount);
    const category = shop.categories[nth % shop.categories.length] as Category;
    const spec = CATEGORY_SPECS[category];
    const used = namesByShop.get(shop.id) ?? new Set<string>();
    namesByShop.set(shop.id, used);
    let name = '';
    for (let attempt = 0; attempt < 20 && (name === '' || used.has(name)); attempt++) {
      name = `${rng.pick(spec.names.prefixes)}${rng.pick(spec.names.items)}`;
      const specText = rng.pick(spec.names.specs);
      if (specText) name = `${name} ${specText}`;
    }
    if (used.has(name)) name = `${name} ${nth + 1}号款`;
    used.add(name);
    const [lo, hi] = spec.priceYuan;
    skus.push({
      id: `SKU${pad(i + 1, 5)}`,
      no: i + 1,
      shop,
      category,
      name,
      priceCents: livePriceCents(lo * Math.pow(hi / lo, rng.next())),
      policy: rng.weighted(spec.policies),
      appeal: clamp(rng.logNormal(1, 0.6), 0.2, 5),
      qualityFactor: rng.between(0.85, 1.15),
    });
  }

  const skusByShop = new Map<string, Sku[]>();
  for (const sku of skus) skusByShop.set(sku.shop.id, [...(skusByShop.get(sku.shop.id) ?? []), sku]);
  const hostsByShop = new Map<string, Host[]>();
  for (const host of hosts) hostsByShop.set(host.shop.id, [...(hostsByShop.get(host.shop.id) ?? []), host]);
  return { seed, seedHash, tag, scale, shops, hosts, skus, skusByShop, hostsByShop };
}
