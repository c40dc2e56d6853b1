import { conditionNode, conditionTypeOf, groupNode, type ConditionType, type GroupNode, type LeafCondition, type TreeNode } from './definition'
import { fieldSpec, isFieldValue, valueShape, type FieldSpec } from './fields'

/*
 * Edits of the builder's tree, in place (the tree is the page's reactive state), and what a
 * condition still lacks before it can be counted.
 */

/** What a new condition of each type starts as: something that already means something. */
export function newCondition(type: ConditionType): LeafCondition {
  switch (type) {
    case 'attr':
      return { attr: 'days_since_last_purchase', op: 'gte', value: 30 }
    case 'tag':
      return { tag: '' }
    case 'purchased':
      return { purchased: { within_days: 30 } }
    case 'event':
      return { event: { type: 'view_product', within_days: 30 } }
    case 'rfm':
      return { rfm: { r: [4, 5] } }
    case 'coupon':
      return { coupon: { status: 'issued' } }
  }
}

export function findNode(root: GroupNode, id: string): { node: TreeNode; parent: GroupNode | null } | null {
  if (root.id === id) return { node: root, parent: null }
  for (const child of root.children) {
    if (child.id === id) return { node: child, parent: root }
    if (child.kind === 'group') {
      const found = findNode(child, id)
      if (found) return found
    }
  }
  return null
}

export function findGroup(root: GroupNode, id: string): GroupNode | null {
  const found = findNode(root, id)?.node
  return found?.kind === 'group' ? found : null
}

export function addCondition(root: GroupNode, groupId: string, type: ConditionType) {
  findGroup(root, groupId)?.children.push(conditionNode(newCondition(type)))
}

/** A new group starts with one condition, so it is never an empty "all" (everyone). */
export function addGroup(root: GroupNode, groupId: string) {
  const group = findGroup(root, groupId)
  if (!group) return
  group.children.push(groupNode(group.mode === 'all' ? 'any' : 'all', [conditionNode(newCondition('purchased'))]))
}

export function removeNode(root: GroupNode, id: string) {
  const parent = findNode(root, id)?.parent
  if (!parent) return
  parent.children.splice(
    parent.children.findIndex((child) => child.id === id),
    1
  )
}

export function replaceCondition(root: GroupNode, id: string, condition: LeafCondition) {
  const node = findNode(root, id)?.node
  if (node?.kind === 'condition') node.condition = condition
}

export function depthOf(root: GroupNode, id: string): number {
  const walk = (group: GroupNode, depth: number): number => {
    if (group.id === id) return depth
    for (const child of group.children) {
      if (child.id === id) return depth + 1
      if (child.kind === 'group') {
        const found = walk(child, depth + 1)
        if (found >= 0) return found
      }
    }
    return -1
  }
  return walk(root, 0)
}

function valueComplete(spec: FieldSpec, op: Parameters<typeof valueShape>[0], value: unknown): boolean {
  switch (valueShape(op)) {
    case 'none':
      return true
    case 'pair':
      return Array.isArray(value) && value.length === 2 && value.every((v) => isFieldValue(spec, v))
    case 'list':
      return Array.isArray(value) && value.length > 0 && value.every((v) => isFieldValue(spec, v))
    case 'one':
      return isFieldValue(spec, value)
  }
}

/**
 * Whether a condition says enough to be counted. A half-typed one is not sent at all: the
 * count waits, and the row says what is missing, rather than the server answering 422 at each
 * keystroke.
 */
export function isComplete(condition: LeafCondition): boolean {
  switch (conditionTypeOf(condition)) {
    case 'attr': {
      const { attr, op, value } = condition as Extract<LeafCondition, { attr: string }>
      const spec = fieldSpec(attr)
      return Boolean(spec) && valueComplete(spec!, op, value)
    }
    case 'tag':
      return Boolean((condition as { tag: string }).tag)
    case 'event':
      return Boolean((condition as { event: { type: string } }).event.type)
    case 'coupon':
      return Boolean((condition as { coupon: { status?: string } }).coupon.status)
    case 'rfm':
      // No score at all would match everyone: almost certainly not what was meant.
      return Object.keys((condition as { rfm: object }).rfm).length > 0
    default:
      return true
  }
}

/** The ids of conditions that are not yet complete. */
export function incompleteIds(root: GroupNode): string[] {
  const ids: string[] = []
  const walk = (node: TreeNode) => {
    if (node.kind === 'group') node.children.forEach(walk)
    else if (!isComplete(node.condition)) ids.push(node.id)
  }
  walk(root)
  return ids
}
