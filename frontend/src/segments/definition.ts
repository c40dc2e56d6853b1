import type { ApiErrorEntry } from '@/api/errors'
import type { CountOp, CouponConditionStatus, Op } from './fields'

/*
 * The segment definition of CONTRACTS §5 (the JSON segments, auto-tag rules, broadcasts and SOP
 * audiences share), and the tree the builder edits. A condition of the tree keeps its contract
 * JSON as is; the tree only adds what a person sees: groups with an all / any switch and a
 * "not" on any node. The conversion is lossless except for two rewrites that mean the same:
 * `{not:{not:c}}` is `c`, and `{all:[c]}` at the top is `c`.
 */

export type Scalar = string | number | boolean
export interface Count {
  op: CountOp
  value: number | [number, number]
}

export interface AttrCondition {
  attr: string
  op: Op
  value?: Scalar | Scalar[]
}
export interface TagCondition {
  tag: string
}
export interface PurchasedFilters {
  sku?: string | string[]
  category?: string | string[]
  /** Store codes. */
  store?: string[]
  channel?: string[]
  within_days?: number
  /** 1–7, Monday = 1. */
  weekdays?: number[]
  /** [from, to) local hours; never wraps past midnight. */
  hours?: [number, number]
  count?: Count
  amount?: Count
}
export interface PurchasedCondition {
  purchased: PurchasedFilters
}
export interface EventCondition {
  event: { type: string; within_days?: number; count?: Count }
}
export type ScoreRange = [number, number]
export interface RfmCondition {
  rfm: { r?: ScoreRange; f?: ScoreRange; m?: ScoreRange }
}
export interface CouponCondition {
  coupon: { template?: string; status: CouponConditionStatus; within_days?: number }
}

export type LeafCondition = AttrCondition | TagCondition | PurchasedCondition | EventCondition | RfmCondition | CouponCondition
export type SegmentDefinition = { all: SegmentDefinition[] } | { any: SegmentDefinition[] } | { not: SegmentDefinition } | LeafCondition

export const CONDITION_TYPES = ['attr', 'tag', 'purchased', 'event', 'rfm', 'coupon'] as const
export type ConditionType = (typeof CONDITION_TYPES)[number]

export type GroupMode = 'all' | 'any'
export interface GroupNode {
  id: string
  kind: 'group'
  mode: GroupMode
  negated: boolean
  children: TreeNode[]
}
export interface ConditionNode {
  id: string
  kind: 'condition'
  negated: boolean
  condition: LeafCondition
}
export type TreeNode = GroupNode | ConditionNode

/** A deep copy of plain JSON; also of Vue's reactive proxies, which `structuredClone` refuses. Drops undefined keys. */
export const cloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

let lastId = 0
export const nodeId = () => `n${++lastId}`

export function groupNode(mode: GroupMode = 'all', children: TreeNode[] = [], negated = false): GroupNode {
  return { id: nodeId(), kind: 'group', mode, negated, children }
}

export function conditionNode(condition: LeafCondition, negated = false): ConditionNode {
  return { id: nodeId(), kind: 'condition', negated, condition }
}

export function conditionTypeOf(condition: LeafCondition): ConditionType {
  return CONDITION_TYPES.find((type) => type in condition) ?? 'attr'
}

const isGroup = (d: SegmentDefinition): d is { all: SegmentDefinition[] } | { any: SegmentDefinition[] } => 'all' in d || 'any' in d

function toNode(definition: SegmentDefinition): TreeNode {
  if ('not' in definition) {
    const inner = toNode(definition.not)
    return { ...inner, negated: !inner.negated }
  }
  if (isGroup(definition)) {
    const mode: GroupMode = 'all' in definition ? 'all' : 'any'
    const children = 'all' in definition ? definition.all : definition.any
    return groupNode(mode, children.map(toNode))
  }
  return conditionNode(cloneJson(definition))
}

/** The builder's tree of a definition: always a group at the top. */
export function fromDefinition(definition: SegmentDefinition): GroupNode {
  const node = toNode(definition)
  return node.kind === 'group' && !node.negated ? node : groupNode('all', [node])
}

function nodeDefinition(node: TreeNode): SegmentDefinition {
  const inner: SegmentDefinition =
    node.kind === 'group'
      ? ({ [node.mode]: node.children.map(nodeDefinition) } as SegmentDefinition)
      : (cloneJson(node.condition) as SegmentDefinition)
  return node.negated ? { not: inner } : inner
}

/** A top group of "all" with one member, not negated, is that member on its own. */
function unwrapped(root: GroupNode): TreeNode | null {
  return root.mode === 'all' && !root.negated && root.children.length === 1 ? root.children[0]! : null
}

/** The contract JSON of the builder's tree. */
export function toDefinition(root: GroupNode): SegmentDefinition {
  const single = unwrapped(root)
  return nodeDefinition(single ?? root)
}

const join = (path: string, step: string) => (path ? `${path}.${step}` : step)

/**
 * Where each node sits in the JSON `toDefinition` sends, written as the server names paths
 * (`all[2]`, `all[1].not`, `any[0].all[3]`): the top is the empty path. In order, outer first.
 */
export function nodePaths(root: GroupNode): [path: string, id: string][] {
  const paths: [string, string][] = []
  const walk = (node: TreeNode, path: string) => {
    paths.push([path, node.id])
    if (node.kind !== 'group') return
    const inner = node.negated ? join(path, 'not') : path
    node.children.forEach((child, index) => walk(child, join(inner, `${node.mode}[${index}]`)))
  }
  const single = unwrapped(root)
  if (single) {
    paths.push(['', root.id])
    walk(single, '')
  } else walk(root, '')
  return paths
}

const within = (field: string, path: string) =>
  path === '' || field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`)

/**
 * The node a server error names (`all[2].attr` → the third condition of the top group): the
 * deepest node whose path starts the error's. `definition` itself is the top group.
 */
export function nodeIdForPath(root: GroupNode, field: string): string {
  let best: [string, string] = ['', root.id]
  for (const entry of nodePaths(root)) {
    if (within(field, entry[0]) && entry[0].length >= best[0].length) best = entry
  }
  return best[1]
}

/** Server errors about a definition, by the node they name. */
export function errorsByNode(root: GroupNode, errors: readonly ApiErrorEntry[]): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  for (const error of errors) {
    const id = nodeIdForPath(root, error.field ?? 'definition')
    ;(result[id] ??= []).push(error.message)
  }
  return result
}

/**
 * Splits a save's errors: those naming a field of the form (`name`, `tag_code` …) and those
 * about the definition, whose paths name the tree (`all[2].attr`).
 */
export function splitErrors(errors: readonly ApiErrorEntry[], formFields: readonly string[]) {
  const form: Record<string, string> = {}
  const definition: ApiErrorEntry[] = []
  const general: string[] = []
  for (const error of errors) {
    const top = error.field?.split(/[.[]/)[0]
    if (top && formFields.includes(top)) form[top] ??= error.message
    else if (error.field) definition.push(error)
    else general.push(error.message)
  }
  return { form, definition, general }
}
