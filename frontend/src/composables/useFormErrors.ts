import { reactive, ref } from 'vue'
import { fieldErrorsOf, toApiError, userMessage } from '@/api/errors'

/**
 * Server errors of a form: 422 entries that name a field go under that field (`el-form-item
 * :error`), anything else goes in one message above the form.
 */
export function useFormErrors() {
  const fieldErrors = reactive<Record<string, string>>({})
  const formError = ref<string | null>(null)

  function clear() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
    formError.value = null
  }

  function apply(error: unknown) {
    clear()
    const byField = fieldErrorsOf(error)
    Object.assign(fieldErrors, byField)
    const unplaced = toApiError(error).errors.filter((entry) => !entry.field || !(entry.field.split('.')[0]! in byField))
    if (Object.keys(byField).length === 0 || unplaced.length > 0) formError.value = userMessage(error)
  }

  return { fieldErrors, formError, apply, clear }
}
