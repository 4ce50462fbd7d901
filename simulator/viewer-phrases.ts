import type { Category } from './catalog-data.ts';
import { WeightedTable } from './prng.ts';

/**
 * Viewer comments (弹幕/评论). Questions cluster by topic — the topics the question-spike rule
 * watches (材质/面料, 尺码, 真假, 发货, 售后) plus 价格, usage questions and plain chatter — and
 * the mix depends on what is on screen: clothes draw size and fabric questions, cosmetics draw
 * authenticity questions, fruit draws shipping questions.
 */

export type CommentTopic = '材质' | '尺码' | '发货' | '真假' | '售后' | '价格' | '使用' | '闲聊';

export const COMMENTS: Record<Exclude<CommentTopic, '使用'>, readonly string[]> = {
  材质: ['这个是什么材质的？', '面料起球吗', '是纯棉的吗', '会不会掉色啊', '夏天穿热不热', '面料厚不厚', '透不透', '含棉量多少', '洗了会缩水吗', '摸起来扎不扎'],
  尺码: ['160 100斤穿什么码', '有加大码吗', '偏大还是偏小', '腰围70穿哪个码', '170 130斤选L可以吗', '尺码标准吗', '能出个尺码表吗', '155穿会不会太长'],
  发货: ['什么时候发货', '今天拍明天能发吗', '发什么快递', '新疆能发吗', '能发顺丰吗', '几天能到', '上次买的还没到', '四川几天到'],
  真假: ['是正品吗', '有防伪码吗', '专柜能验吗', '是不是假货啊', '有品牌授权吗', '和官方旗舰店一样吗'],
  售后: ['支持七天无理由吗', '坏了怎么赔', '有运费险吗', '不合适能退吗', '退货麻烦吗', '过敏了能退吗'],
  价格: ['还能便宜吗', '比上次贵了', '有优惠券吗', '能叠加满减吗', '拍两件多少钱', '怎么没有赠品了'],
  闲聊: ['来了来了', '主播好', '666', '刚进来', '已拍', '拍了拍了', '主播声音好好听', '求返场', '❤️❤️❤️', '支持主播', '等了好久了', '上链接啊', '已下单', '好看', '主播今天好漂亮', '哈哈哈哈', '抢到了', '没抢到啊', '想要', '1'],
};

export const USAGE_QUESTIONS: Record<Category, readonly string[]> = {
  服饰: ['有其他颜色吗', '能机洗吗', '配什么鞋好看'],
  美妆: ['敏感肌能用吗', '孕妇能用吗', '油皮适合吗', '多大年龄能用', '怎么用啊'],
  生鲜: ['甜不甜', '酸不酸', '能放几天', '是今年的新果吗'],
  数码: ['安卓能用吗', '支持快充吗', '续航多久', '有几个颜色'],
  食品: ['保质期多久', '热量高吗', '孩子能吃吗', '辣不辣'],
  家居: ['好清洗吗', '有味道吗', '承重多少', '有几个颜色'],
};

const mix = (entries: ReadonlyArray<readonly [CommentTopic, number]>) => new WeightedTable(entries);

export const TOPIC_MIX: Record<Category, WeightedTable<CommentTopic>> = {
  服饰: mix([['材质', 13], ['尺码', 17], ['发货', 8], ['真假', 2], ['售后', 6], ['价格', 9], ['使用', 5], ['闲聊', 40]]),
  美妆: mix([['材质', 2], ['发货', 8], ['真假', 12], ['售后', 8], ['价格', 12], ['使用', 14], ['闲聊', 44]]),
  生鲜: mix([['发货', 15], ['真假', 2], ['售后', 10], ['价格', 10], ['使用', 14], ['闲聊', 49]]),
  数码: mix([['材质', 3], ['发货', 8], ['真假', 6], ['售后', 10], ['价格', 12], ['使用', 14], ['闲聊', 47]]),
  食品: mix([['发货', 10], ['真假', 2], ['售后', 5], ['价格', 12], ['使用', 15], ['闲聊', 56]]),
  家居: mix([['材质', 12], ['尺码', 6], ['发货', 8], ['售后', 6], ['价格', 10], ['使用', 10], ['闲聊', 48]]),
};

/** While no SKU is on screen, viewers mostly greet and wait. */
export const IDLE_MIX = mix([['闲聊', 85], ['发货', 5], ['价格', 5], ['售后', 5]]);

/** Injected by the question-spike incident: viewers pressing the host about the fabric. */
export const FABRIC_PRESSURE = [
  '到底是什么面料？问了好几遍了',
  '主播回答一下材质啊',
  '是不是纯棉的，说清楚',
  '标签上写的涤纶，你说的纯棉？',
  '面料成分能拍一下吗',
  '起球吗起球吗',
  '上次买的洗一次就起球了，这次的面料一样吗',
  '这个材质到底是什么',
  '面料是不是换了',
  '材质说一下啊',
  '面料透气吗，别又是化纤的',
  '纯棉还是混纺？',
  '面料会不会起球掉毛',
  '这个面料洗了缩水吗',
];
