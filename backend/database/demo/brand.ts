/**
 * The demo brand: 晨光咖啡烘焙 Morning Light Coffee & Bakery, a chain of 12 stores in three
 * regions. Later capabilities add their demo data beside this (members, orders, chats...).
 */
export const DEMO_PASSWORD = 'Rapport#2026'

export const regions = [
  { code: 'EAST', name: '华东 East China' },
  { code: 'NORTH', name: '华北 North China' },
  { code: 'SOUTH', name: '华南 South China' },
]

export const stores = [
  { code: 'SH001', name: '上海静安店', city: '上海', region: 'EAST' },
  { code: 'SH002', name: '上海徐汇店', city: '上海', region: 'EAST' },
  { code: 'SH003', name: '上海陆家嘴店', city: '上海', region: 'EAST' },
  { code: 'HZ001', name: '杭州西湖店', city: '杭州', region: 'EAST' },
  { code: 'NJ001', name: '南京新街口店', city: '南京', region: 'EAST' },
  { code: 'BJ001', name: '北京三里屯店', city: '北京', region: 'NORTH' },
  { code: 'BJ002', name: '北京国贸店', city: '北京', region: 'NORTH' },
  { code: 'TJ001', name: '天津滨江道店', city: '天津', region: 'NORTH' },
  { code: 'GZ001', name: '广州天河店', city: '广州', region: 'SOUTH' },
  { code: 'GZ002', name: '广州珠江新城店', city: '广州', region: 'SOUTH' },
  { code: 'SZ001', name: '深圳南山店', city: '深圳', region: 'SOUTH' },
  { code: 'SZ002', name: '深圳福田店', city: '深圳', region: 'SOUTH' },
]

export const products = [
  { sku: 'AMERICANO-M', name: '美式咖啡 (中杯)', category: 'coffee', price: '22.00', cost: '5.20' },
  { sku: 'LATTE-M', name: '拿铁 (中杯)', category: 'coffee', price: '28.00', cost: '7.80' },
  { sku: 'CAPPUCCINO-M', name: '卡布奇诺 (中杯)', category: 'coffee', price: '28.00', cost: '7.50' },
  { sku: 'FLATWHITE-M', name: '馥芮白 (中杯)', category: 'coffee', price: '32.00', cost: '8.60' },
  { sku: 'MOCHA-M', name: '摩卡 (中杯)', category: 'coffee', price: '32.00', cost: '9.10' },
  { sku: 'OSMANTHUS-LATTE', name: '桂花拿铁 (新品)', category: 'coffee', price: '34.00', cost: '9.80' },
  { sku: 'COLDBREW-M', name: '冷萃咖啡 (中杯)', category: 'coffee', price: '30.00', cost: '6.90' },
  { sku: 'MATCHA-LATTE', name: '抹茶拿铁', category: 'tea', price: '30.00', cost: '8.20' },
  { sku: 'BLACK-TEA', name: '锡兰红茶', category: 'tea', price: '20.00', cost: '3.60' },
  { sku: 'CROISSANT', name: '黄油可颂', category: 'bakery', price: '16.00', cost: '4.80' },
  { sku: 'PAIN-CHOC', name: '巧克力可颂', category: 'bakery', price: '18.00', cost: '5.60' },
  { sku: 'BAGEL', name: '全麦贝果', category: 'bakery', price: '14.00', cost: '3.90' },
  { sku: 'CHEESECAKE', name: '纽约芝士蛋糕', category: 'dessert', price: '32.00', cost: '10.50' },
  { sku: 'TIRAMISU', name: '提拉米苏', category: 'dessert', price: '34.00', cost: '11.20' },
  { sku: 'SANDWICH-HAM', name: '火腿芝士三明治', category: 'food', price: '26.00', cost: '9.40' },
  { sku: 'SET-BREAKFAST', name: '早餐套餐 (咖啡+可颂)', category: 'set_meal', price: '36.00', cost: '12.00' },
  { sku: 'SET-LUNCH', name: '午餐套餐 (三明治+饮品)', category: 'set_meal', price: '45.00', cost: '17.50' },
  { sku: 'BEANS-250', name: '晨光拼配咖啡豆 250g', category: 'retail', price: '88.00', cost: '32.00' },
  { sku: 'TUMBLER', name: '晨光随行杯', category: 'retail', price: '128.00', cost: '41.00' },
]

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭']
const given = ['静', '敏', '婷', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '晓东', '丽华', '建华', '小红', '雨萱', '子涵']

/**
 * A stable Chinese name per index, so the demo looks the same on every machine.
 */
export function staffName(index: number) {
  return surnames[index % surnames.length] + given[(index * 7) % given.length]
}

/** Guides per store: the larger city stores have more. */
export function guidesAt(storeCode: string) {
  return storeCode.startsWith('SH') || storeCode.startsWith('BJ') ? 5 : 3
}
