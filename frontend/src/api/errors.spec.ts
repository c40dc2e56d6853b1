import { describe, expect, it } from 'vitest'
import { ApiError, fieldErrorsOf, userMessage } from './errors'
import { useFormErrors } from '@/composables/useFormErrors'
import { setLocale } from '@/i18n'
import { AppLocale } from '@/enums/locale'

describe('server errors on forms', () => {
  it('maps each 422 entry to the field it names', () => {
    const error = new ApiError(422, [
      { message: 'The email field must be a valid email address', field: 'email', code: 'email' },
      { message: 'The password field must have at least 8 characters', field: 'password', code: 'minLength' },
    ])
    expect(fieldErrorsOf(error)).toEqual({
      email: 'The email field must be a valid email address',
      password: 'The password field must have at least 8 characters',
    })
  })

  it('puts an error on an array item under the array field, first message first', () => {
    const error = new ApiError(422, [
      { message: 'Unknown scope', field: 'scopes.1' },
      { message: 'Another problem', field: 'scopes.2' },
    ])
    expect(fieldErrorsOf(error)).toEqual({ scopes: 'Unknown scope' })
  })

  it('places a 409 that names its field under that field', () => {
    const error = new ApiError(409, [{ message: 'This email is already used', code: 'email_taken', field: 'email' }])
    expect(fieldErrorsOf(error)).toEqual({ email: 'This email is already used' })
  })

  it('ignores fields of other statuses', () => {
    expect(fieldErrorsOf(new ApiError(503, [{ message: 'mysql is unavailable', field: 'mysql' }]))).toEqual({})
  })

  it('useFormErrors shows field errors under fields and nothing above the form', () => {
    const form = useFormErrors()
    form.apply(new ApiError(422, [{ message: 'Taken', field: 'code' }]))
    expect(form.fieldErrors).toEqual({ code: 'Taken' })
    expect(form.formError.value).toBeNull()
  })

  it('useFormErrors shows an error that names no field above the form', () => {
    setLocale(AppLocale.En)
    const form = useFormErrors()
    form.apply(new ApiError(422, [{ message: 'A referenced record does not exist', code: 'invalid_reference' }]))
    expect(form.fieldErrors).toEqual({})
    expect(form.formError.value).toBe('A referenced record does not exist')
  })

  it('useFormErrors forgets the previous attempt', () => {
    const form = useFormErrors()
    form.apply(new ApiError(422, [{ message: 'Required', field: 'name' }]))
    form.apply(new ApiError(422, [{ message: 'Invalid', field: 'email' }]))
    expect(form.fieldErrors).toEqual({ email: 'Invalid' })
  })
})

describe('messages for people', () => {
  it('explains a network failure in the UI language', () => {
    setLocale(AppLocale.En)
    expect(userMessage(new ApiError(0, [{ message: 'Network Error' }]))).toBe(
      'Cannot reach the server. Check your connection and try again.'
    )
  })

  it('says to wait a minute on 429, in Chinese by default', () => {
    expect(userMessage(new ApiError(429, [{ message: 'Too many requests' }]))).toBe('尝试次数过多，请一分钟后再试。')
  })

  it('uses the server message for a conflict', () => {
    expect(userMessage(new ApiError(409, [{ message: 'Store code taken' }]))).toBe('Store code taken')
  })
})
