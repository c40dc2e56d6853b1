import { computed, inject, provide, type ComputedRef, type InjectionKey, type Ref } from 'vue'
import type { ApiErrorEntry } from '@/api/errors'
import { errorsByNode, type ConditionType, type GroupMode, type GroupNode, type LeafCondition } from '@/segments/definition'
import { addCondition, addGroup, depthOf, findNode, incompleteIds, removeNode, replaceCondition } from '@/segments/tree'

/** Groups nest at most this deep (the server refuses deeper definitions). */
export const MAX_GROUP_DEPTH = 12

/**
 * What every group and row of a condition editor shares: the tree they edit (the page's
 * reactive state, changed in place through these actions), the server's errors by row, and
 * which rows are incomplete.
 */
export interface ConditionTreeContext {
  readonly: Readonly<Ref<boolean>>
  errorsOf(nodeId: string): string[]
  isIncomplete(nodeId: string): boolean
  canNest(groupId: string): boolean
  addCondition(groupId: string, type: ConditionType): void
  addGroup(groupId: string): void
  remove(nodeId: string): void
  replace(nodeId: string, condition: LeafCondition): void
  setMode(groupId: string, mode: GroupMode): void
  setNegated(nodeId: string, negated: boolean): void
}

const KEY: InjectionKey<ConditionTreeContext> = Symbol('condition-tree')

export function provideConditionTree(
  tree: Ref<GroupNode>,
  options: { errors: Readonly<Ref<readonly ApiErrorEntry[]>>; readonly: Readonly<Ref<boolean>> }
): { byNode: ComputedRef<Record<string, string[]>>; incomplete: ComputedRef<string[]> } {
  const byNode = computed(() => errorsByNode(tree.value, options.errors.value))
  const incomplete = computed(() => incompleteIds(tree.value))
  const editable = (change: () => void) => {
    if (!options.readonly.value) change()
  }

  provide(KEY, {
    readonly: options.readonly,
    errorsOf: (id) => byNode.value[id] ?? [],
    isIncomplete: (id) => incomplete.value.includes(id),
    canNest: (id) => depthOf(tree.value, id) < MAX_GROUP_DEPTH - 1,
    addCondition: (groupId, type) => editable(() => addCondition(tree.value, groupId, type)),
    addGroup: (groupId) => editable(() => addGroup(tree.value, groupId)),
    remove: (id) => editable(() => removeNode(tree.value, id)),
    replace: (id, condition) => editable(() => replaceCondition(tree.value, id, condition)),
    setMode: (groupId, mode) =>
      editable(() => {
        const node = findNode(tree.value, groupId)?.node
        if (node?.kind === 'group') node.mode = mode
      }),
    setNegated: (id, negated) =>
      editable(() => {
        const node = findNode(tree.value, id)?.node
        if (node) node.negated = negated
      }),
  })
  return { byNode, incomplete }
}

export function useConditionTree(): ConditionTreeContext {
  const context = inject(KEY)
  if (!context) throw new Error('useConditionTree() outside a condition editor')
  return context
}
