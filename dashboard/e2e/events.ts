import { randomUUID } from 'node:crypto';

/**
 * Events the end-to-end test sends through the real ingest API (POST /v1/events/:topic): one
 * traced order with its session transcript and a refund, and risky host speech that must reach
 * the host console as a reminder and, five times in ten minutes, raise an ops alert.
 */
export interface Scenario {
  host: string;
  shop: string;
  session: string;
  sku: string;
  orderId: string;
  startedAt: number;
}

export function scenario(tag: string, now = Date.now()): Scenario {
  return {
    host: `HOST_E2E_${tag}`,
    shop: `SHOP_E2E_${tag}`,
    session: `LS_E2E_${tag}`,
    sku: `SKU_E2E_${tag}`,
    orderId: `ORD_E2E_${tag}`,
    startedAt: now - 30 * 60_000,
  };
}

const base = (at: number) => ({ event_id: randomUUID(), occurred_at: new Date(at).toISOString(), schema_version: 1 as const });

export function transcript(s: Scenario, text: string, offsetMs: number, speaker: 'host' | 'assistant' | 'viewer' = 'host') {
  return { ...base(s.startedAt + offsetMs), live_session_id: s.session, host_id: s.host, shop_id: s.shop, speaker, text, sku_id: s.sku, offset_ms: offsetMs };
}

/** The traced SKU's product title (issue #17): shown wherever the SKU is, and searchable. */
export const TRACED_TITLE = '玻尿酸补水精华液 30ml 旅行装';

/** A risky line in the traced session (two terms of the default lexicon), for the session page's marks. */
export const TRACED_RISKY_LINE = '这款精华液绝对是全网最低价，今天下单最划算';

/**
 * The order, what the host said before it (an after-sales promise and one risky line), viewer
 * questions (one about authenticity), and a refund request.
 */
export function tracedOrder(s: Scenario) {
  const orderOffset = 20 * 60_000;
  const orderAt = s.startedAt + orderOffset;
  return {
    orders: [
      {
        ...base(orderAt),
        order_id: s.orderId,
        user_id: `U_E2E_${s.host}`,
        shop_id: s.shop,
        sku_id: s.sku,
        product_title: TRACED_TITLE,
        category: '美妆',
        live_session_id: s.session,
        host_id: s.host,
        quantity: 1,
        amount: 199,
        region: '浙江省',
        refund_policy: '7day_no_reason',
        live_offset_ms: orderOffset,
      },
    ],
    transcripts: [
      transcript(s, '这款精华液今天直播间专属价，支持七天无理由退货，大家放心拍', orderOffset - 90_000),
      transcript(s, TRACED_RISKY_LINE, orderOffset - 60_000),
      transcript(s, '链接已经上好了，三号链接，库存不多', orderOffset - 30_000),
      transcript(s, '主播，敏感肌可以用吗', orderOffset - 20_000, 'viewer'),
      transcript(s, '是正品吗？有防伪码吗', orderOffset - 10_000, 'viewer'),
    ],
    refunds: [
      {
        ...base(orderAt + 5 * 60_000),
        refund_id: `RF_E2E_${s.host}`,
        order_id: s.orderId,
        sku_id: s.sku,
        shop_id: s.shop,
        category: '美妆',
        host_id: s.host,
        live_session_id: s.session,
        type: 'refund_only',
        reason_code: 'dislike',
        amount: 199,
        status: 'requested',
        actor: 'buyer',
      },
    ],
  };
}

/** Risky host speech: each line has one term of the default lexicon. */
export const RISKY_LINES = [
  '这个面霜绝对是全网最低价，错过就没有了',
  '用了保证百分之百有效，无效退款',
  '我们家这款是全网第一的销量',
  '这个可以治疗痘痘，三天见效',
  '加我微信私聊给你更低价',
  '国家级的品质，大家放心',
];

/** A region the simulator rarely ships to, so the overdue shipment below is easy to find on screen. */
export const OVERDUE_REGION = '540000';

/**
 * An order of another session whose parcel was created 26 h ago and never picked up: a
 * pickup-overdue shipment (threshold 24 h) for the logistics page's backlog table.
 */
export function overdueShipment(s: Scenario, now = Date.now()) {
  const createdAt = now - 26 * 3600_000;
  const orderId = `${s.orderId}_SHIP`;
  return {
    orderId,
    orders: [
      {
        ...base(createdAt - 3600_000),
        order_id: orderId,
        user_id: `U_E2E_${s.host}`,
        shop_id: s.shop,
        sku_id: `${s.sku}_SHIP`,
        category: '美妆',
        live_session_id: `${s.session}_SHIP`,
        host_id: s.host,
        quantity: 1,
        amount: 59,
        region: OVERDUE_REGION,
        refund_policy: '7day_no_reason',
        live_offset_ms: 60_000,
      },
    ],
    logistics: [
      {
        ...base(createdAt),
        shipment_id: `SH_E2E_${s.host}`,
        order_id: orderId,
        carrier: 'E2E快递',
        direction: 'outbound',
        status: 'created',
        origin_region: '330000',
        dest_region: OVERDUE_REGION,
        promised_at: new Date(createdAt + 72 * 3600_000).toISOString(),
      },
    ],
  };
}

/**
 * A session of five days ago (issue #17): one order with a titled SKU and a refund, and a line of
 * transcript. Its page must show its product whatever the global range (default 24 h).
 */
export function oldSession(tag: string, now = Date.now()) {
  const s = scenario(`old${tag}`, now - 5 * 24 * 3600_000);
  const orderAt = s.startedAt + 10 * 60_000;
  return {
    s,
    title: '加厚羊羔绒外套 女款',
    orders: [{ ...base(orderAt), order_id: s.orderId, user_id: `U_E2E_${s.host}`, shop_id: s.shop, sku_id: s.sku, product_title: '加厚羊羔绒外套 女款', category: '服饰', live_session_id: s.session, host_id: s.host, quantity: 1, amount: 299, region: '江苏省', refund_policy: '7day_no_reason', live_offset_ms: 10 * 60_000 }],
    transcripts: [transcript(s, '这件羊羔绒外套加厚款，今天直播间专属价', 9 * 60_000)],
    refunds: [{ ...base(orderAt + 3600_000), refund_id: `RF_E2E_${s.host}`, order_id: s.orderId, sku_id: s.sku, shop_id: s.shop, category: '服饰', host_id: s.host, live_session_id: s.session, type: 'return_refund', reason_code: 'size_fit', amount: 299, status: 'requested', actor: 'buyer' }],
  };
}

/** The province the map test plants delays in (青海: little simulated traffic). */
export const DELAY_REGION = '630000';

/**
 * `n` parcels to DELAY_REGION picked up 29 h ago, promised 4 h ago and never delivered: due in
 * the last 24 h and late, so the province's delay rate is near 100 % and the darkest on the map.
 */
export function plantedDelays(s: Scenario, n = 80, now = Date.now()) {
  const orders = [];
  const logistics = [];
  for (let i = 0; i < n; i++) {
    const orderId = `${s.orderId}_MAP${i}`;
    const created = now - 30 * 3600_000 + i * 1000;
    orders.push({ ...base(created - 600_000), order_id: orderId, user_id: `U_E2E_MAP${i}`, shop_id: s.shop, sku_id: `${s.sku}_MAP`, category: '美妆', live_session_id: `${s.session}_MAP`, host_id: s.host, quantity: 1, amount: 39, region: DELAY_REGION, refund_policy: '7day_no_reason', live_offset_ms: 60_000 });
    const scan = { shipment_id: `SH_E2E_MAP${i}_${s.host}`, order_id: orderId, carrier: 'E2E快递', direction: 'outbound', origin_region: '330000', dest_region: DELAY_REGION, promised_at: new Date(now - 4 * 3600_000).toISOString() };
    logistics.push({ ...base(created), ...scan, status: 'created' }, { ...base(created + 3600_000), ...scan, status: 'picked_up' }, { ...base(now - 3 * 3600_000), ...scan, status: 'in_transit' });
  }
  return { orders, logistics };
}
